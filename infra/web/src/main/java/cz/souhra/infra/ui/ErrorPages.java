package cz.souhra.infra.ui;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.thymeleaf.spring6.view.reactive.ThymeleafReactiveViewResolver;

import cz.souhra.infra.security.SouhraPrincipal;
import cz.souhra.infra.web.HtmlErrorPage;

import reactor.core.publisher.Mono;

/**
 * The error page a browser gets for any refusal or failure outside the UI's own controllers (an unknown
 * address, a wrong method, a forbidden page, a conflict, a 5xx): templates/error.html in the layout, in
 * the UI's language, with the navigation of the logged-in user.
 */
@Component
class ErrorPages implements HtmlErrorPage {

    // a provider: the command-line modes (--verify, --determinism) start without a web server and without views
    private final ObjectProvider<ThymeleafReactiveViewResolver> views;

    ErrorPages(ObjectProvider<ThymeleafReactiveViewResolver> views) {
        this.views = views;
    }

    @Override
    public Locale locale(ServerWebExchange exchange) {
        return UiAdvice.locale(exchange);
    }

    @Override
    public Mono<Void> render(ServerWebExchange exchange, HttpStatusCode status, ProblemDetail problem) {
        Locale locale = locale(exchange);
        Map<String, Object> model = new HashMap<>();
        model.put("messageKey", UiAdvice.messageKey(status.value()));
        model.put("detail", problem.getDetail());
        model.put("status", status.value());
        Object reference = problem.getProperties() == null ? null : problem.getProperties().get("reference");
        if (reference != null) {
            model.put("reference", reference);
        }
        model.put("fmt", new Formats(locale));
        model.put("path", exchange.getRequest().getPath().value());
        exchange.getResponse().setStatusCode(status);
        return me(exchange).doOnNext(actor -> model.put("me", actor)).then(Mono.defer(() -> views.getObject().resolveViewName("error", locale)))
                .flatMap(view -> view.render(model, MediaType.TEXT_HTML, exchange));
    }

    /** The logged-in user of a browser session, for the navigation; none for scripts and anonymous visitors. */
    private static Mono<cz.souhra.shared.Actor> me(ServerWebExchange exchange) {
        return exchange.getSession()
                .mapNotNull(s -> s.<SecurityContext>getAttribute(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME))
                .mapNotNull(c -> c.getAuthentication() == null ? null : c.getAuthentication().getPrincipal())
                .filter(SouhraPrincipal.class::isInstance)
                .map(p -> ((SouhraPrincipal) p).actor())
                .onErrorResume(e -> Mono.empty());
    }
}
