package cz.souhra.infra.security;

import java.net.URI;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cz.souhra.infra.web.Refusal;
import reactor.core.publisher.Mono;

/**
 * After an administrator reset a password, the one-time password opens one door only: choosing a new
 * password. Browsers are sent to {@code /account/password}; the API answers everything but {@code /api/me}
 * with 403 {@code PASSWORD_CHANGE_REQUIRED}. Runs after authentication in both chains.
 */
final class PasswordChangeRequired implements WebFilter {

    static final String PAGE = "/account/password";
    private static final Set<String> OPEN = Set.of(PAGE, "/logout", "/login", "/api/me", "/api/me/password", "/pristupnost", "/favicon.ico");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (OPEN.contains(path) || path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext().map(SecurityContext::getAuthentication)
                .filter(a -> a.getPrincipal() instanceof SouhraPrincipal p && p.mustChangePassword())
                .hasElement()
                .flatMap(must -> {
                    if (!must) {
                        return chain.filter(exchange);
                    }
                    if (path.startsWith("/api/")) {
                        return Mono.error(new Refusal(HttpStatus.FORBIDDEN, "PASSWORD_CHANGE_REQUIRED"));
                    }
                    exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
                    exchange.getResponse().getHeaders().setLocation(URI.create(PAGE));
                    return exchange.getResponse().setComplete();
                });
    }
}
