package cz.souhra.infra.web;

import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Drops an {@code Accept-Language} header the JDK cannot parse ({@code en;q=2}, {@code xx;q=abc}, ...)
 * before controllers, their advice and the security handlers read it: each picks the problem's language
 * from it, and an unparsable value made them fail with an empty 500 (found by the fuzzing run). Without
 * the header the answer is in Czech, the default. (ProblemErrorHandler sees the request as it came in
 * and guards itself.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class HeaderSanitizer implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (!headers.containsKey(HttpHeaders.ACCEPT_LANGUAGE) || readable(headers)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(r -> r.headers(h -> h.remove(HttpHeaders.ACCEPT_LANGUAGE))).build());
    }

    private static boolean readable(HttpHeaders headers) {
        try {
            headers.getAcceptLanguage().forEach(range -> Locale.forLanguageTag(range.getRange()));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
