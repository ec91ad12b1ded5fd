package cz.souhra.infra.ui;

import java.util.Locale;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.infra.security.SouhraPrincipal;
import cz.souhra.shared.Actor;
import reactor.core.publisher.Mono;

/** What every page needs: the user, the language and formats, the CSRF token for forms and htmx. */
@ControllerAdvice(basePackageClasses = UiAdvice.class)
class UiAdvice {

    @ModelAttribute("fmt")
    Formats formats(ServerWebExchange exchange) {
        return new Formats(locale(exchange));
    }

    @ModelAttribute("path")
    String path(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }

    @ModelAttribute("me")
    Mono<Actor> me() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(c -> c.getAuthentication() == null ? null : c.getAuthentication().getPrincipal())
                .filter(SouhraPrincipal.class::isInstance)
                .map(p -> ((SouhraPrincipal) p).actor());
    }

    /** Resolving the token makes the security filter save it; th:action forms then carry it as a hidden field. */
    @ModelAttribute("csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty()
                : token.doOnSuccess(t -> exchange.getAttributes().put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, t));
    }

    static Locale locale(ServerWebExchange exchange) {
        Locale l = exchange.getLocaleContext().getLocale();
        return l == null ? UiConfiguration.CZECH : l;
    }
}
