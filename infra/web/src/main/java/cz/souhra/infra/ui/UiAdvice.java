package cz.souhra.infra.ui;

import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;

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
// before the global problem-detail advice, which would answer a browser's page with JSON
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiAdvice {

    private static final Logger log = LoggerFactory.getLogger(UiAdvice.class);

    private final cz.souhra.infra.security.UserStore users;
    private final Ui ui;
    private final org.springframework.context.MessageSource messages;

    UiAdvice(cz.souhra.infra.security.UserStore users, Ui ui, org.springframework.context.MessageSource messages) {
        this.users = users;
        this.ui = ui;
        this.messages = messages;
    }

    /**
     * The success message of the action just done (post/redirect/get), shown once on the page the
     * redirect leads to: taken from the session by that page, never by the fragments it re-fetches.
     */
    @ModelAttribute("flash")
    Mono<String> flash(ServerWebExchange exchange) {
        if (!org.springframework.http.HttpMethod.GET.equals(exchange.getRequest().getMethod())
                || exchange.getRequest().getHeaders().containsKey("HX-Request")
                || exchange.getRequest().getHeaders().getAccept().contains(org.springframework.http.MediaType.TEXT_EVENT_STREAM)) {
            return Mono.empty();
        }
        return exchange.getSession().mapNotNull(s -> (String) s.getAttributes().remove(Pages.FLASH));
    }

    /**
     * Who is logged in, as people know them: the display name and the institution's name. An account without a
     * display name (the first administrator) is named by its role, not by its login name, which is half a credential.
     */
    @ModelAttribute("myName")
    Mono<String> myName(ServerWebExchange exchange) {
        Locale locale = locale(exchange);
        return me().flatMap(actor -> Mono.fromCallable(() -> {
            String name = users.view(actor.user()).map(cz.souhra.infra.security.UserView::displayName).filter(n -> n != null && !n.isBlank())
                    .orElseGet(() -> neutralName(actor, locale));
            return actor.institution() == null ? name : name + " · " + ui.institutionNames().getOrDefault(actor.institution(), actor.institution());
        }).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()));
    }

    /** The user guides the footer links, the user's own role's first. */
    @ModelAttribute("guides")
    Mono<java.util.List<String>> guides() {
        return me().map(GuidePages::order).defaultIfEmpty(GuidePages.order(null));
    }

    private String neutralName(Actor actor, Locale locale) {
        String role = java.util.stream.Stream.of(Actor.Role.ADMIN, Actor.Role.SECRETARY, Actor.Role.MEMBER, Actor.Role.AUDITOR).filter(actor::has)
                .findFirst().map(r -> messages.getMessage("role." + r.name(), null, r.name(), locale))
                .orElseGet(() -> messages.getMessage("header.signedIn", null, "", locale));
        return role.isEmpty() ? role : role.substring(0, 1).toUpperCase(locale) + role.substring(1);
    }

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

    /** A page that cannot be shown: a readable page in the user's language, not a JSON problem. */
    @ExceptionHandler(ResponseStatusException.class)
    Rendering refused(ResponseStatusException e, ServerWebExchange exchange) {
        return errorPage(exchange, e.getStatusCode(), messageKey(e.getStatusCode().value()), null);
    }

    /** An as-of date before the record was made: the record exists, just not yet then; the page says so and links to it today. */
    @ExceptionHandler(Ui.NotYetRecorded.class)
    Rendering notYet(Ui.NotYetRecorded e, ServerWebExchange exchange) {
        return errorPage(exchange, e.getStatusCode(), "asOf.notYet", null, e.current);
    }

    @ExceptionHandler(Exception.class)
    Rendering failed(Exception e, ServerWebExchange exchange) {
        String reference = UUID.randomUUID().toString();
        log.error("Web UI error, reference {}", reference, e);
        return errorPage(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "error.other", reference);
    }

    private Rendering errorPage(ServerWebExchange exchange, HttpStatusCode status, String key, String reference) {
        return errorPage(exchange, status, key, reference, null);
    }

    /**
     * The error page in the layout. An exception handler starts from an empty model, so the user (for the
     * navigation and the header) is added here as on every other page.
     */
    private Rendering errorPage(ServerWebExchange exchange, HttpStatusCode status, String key, String reference, String current) {
        Rendering.Builder<?> page = Rendering.view("error").status(status).modelAttribute("messageKey", key)
                .modelAttribute("fmt", formats(exchange)).modelAttribute("path", path(exchange))
                .modelAttribute("me", me()).modelAttribute("myName", myName(exchange)).modelAttribute("csrf", csrf(exchange))
                .modelAttribute("guides", guides());
        if (current != null) {
            page.modelAttribute("current", current);
        }
        if (reference != null) {
            page.modelAttribute("reference", reference);
        }
        return page.build();
    }

    /** The page's sentence for a status: not allowed, not there, or something else. */
    static String messageKey(int status) {
        return status == 403 || status == 401 ? "error.403" : status == 404 || status == 400 ? "error.404" : "error.other";
    }

    static Locale locale(ServerWebExchange exchange) {
        Locale l = exchange.getLocaleContext().getLocale();
        return l == null ? UiConfiguration.CZECH : l;
    }
}
