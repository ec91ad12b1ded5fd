package cz.souhra.infra.web;

import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.HandlerResultHandler;
import org.springframework.web.server.ServerWebExchange;

import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.publisher.Mono;

/**
 * Writes the problems of the controller advices (command side, query side, accounts) as
 * {@code application/problem+json} whatever the request's {@code Accept} says. Spring's result handler
 * drops the body of an error answer whose type the client did not accept, so a refused command sent with
 * {@code Accept: application/pdf} got its status with an empty body (found by the route-list run in
 * ReliabilityHttpTest). A refusal's body is the problem, as RFC 9457 and docs/api.md promise.
 */
@Component
class ProblemResultHandler implements HandlerResultHandler, Ordered {

    private final ObjectMapper json;

    ProblemResultHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return -1; // before ResponseEntityResultHandler (0)
    }

    @Override
    public boolean supports(HandlerResult result) {
        return result.getReturnValue() instanceof ResponseEntity<?> entity && entity.getBody() instanceof ProblemDetail;
    }

    @Override
    public Mono<Void> handleResult(ServerWebExchange exchange, HandlerResult result) {
        ResponseEntity<?> entity = (ResponseEntity<?>) result.getReturnValue();
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(entity.getStatusCode());
        entity.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body;
        try {
            body = json.writeValueAsBytes(entity.getBody());
        } catch (Exception e) {
            return Mono.error(e);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
