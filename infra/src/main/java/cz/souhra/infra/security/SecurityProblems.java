package cz.souhra.infra.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** 401, 403 and 429 as RFC 9457 problems, in Czech unless English is preferred. */
final class SecurityProblems {

    private SecurityProblems() {}

    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String cs, String en) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        boolean english = prefersEnglish(exchange);
        String body = "{\"type\":\"urn:souhra:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-') + "\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + (english ? en : cs) + "\",\"instance\":\""
                + json(exchange.getRequest().getPath().value()) + "\",\"code\":\"" + code + "\",\"messageCs\":\"" + cs + "\",\"messageEn\":\"" + en + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static boolean prefersEnglish(ServerWebExchange exchange) {
        List<Locale.LanguageRange> ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
        Locale best = ranges.isEmpty() ? null : Locale.lookup(ranges, List.of(Locale.forLanguageTag("cs"), Locale.ENGLISH));
        return best != null && best.getLanguage().equals("en");
    }

    static URI loginPage() {
        return URI.create("/login");
    }
}
