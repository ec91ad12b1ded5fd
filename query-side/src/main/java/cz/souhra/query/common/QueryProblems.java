package cz.souhra.query.common;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import java.util.concurrent.CompletionException;

import org.axonframework.queryhandling.QueryExecutionException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import cz.souhra.shared.ids.InvalidIdException;

/** Refused reads as RFC 9457 problems with a stable code, Czech unless English is preferred. */
@RestControllerAdvice(basePackages = "cz.souhra.query")
@Order(0)
class QueryProblems {

    @ExceptionHandler(QueryRefusal.class)
    ResponseEntity<ProblemDetail> refused(QueryRefusal e, ServerWebExchange exchange) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        boolean english = prefersEnglish(exchange);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, english ? e.en() : e.cs());
        p.setTitle(status.getReasonPhrase());
        p.setType(URI.create("urn:souhra:problem:" + e.code().toLowerCase(Locale.ROOT).replace('_', '-')));
        p.setInstance(URI.create(exchange.getRequest().getPath().value()));
        p.setProperty("code", e.code());
        p.setProperty("messageCs", e.cs());
        p.setProperty("messageEn", e.en());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler({QueryExecutionException.class, CompletionException.class})
    ResponseEntity<ProblemDetail> wrapped(RuntimeException e, ServerWebExchange exchange) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof QueryRefusal r) {
                return refused(r, exchange);
            }
            if (t instanceof InvalidIdException iid) {
                return invalidId(iid, exchange);
            }
        }
        throw e;
    }

    @ExceptionHandler(InvalidIdException.class)
    ResponseEntity<ProblemDetail> invalidId(InvalidIdException e, ServerWebExchange exchange) {
        return refused(new QueryRefusal(QueryRefusal.Kind.INVALID, "INVALID_ID", "Neplatný identifikátor: " + e.getMessage(),
                "Invalid identifier: " + e.getMessage()), exchange);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> input(ServerWebInputException e, ServerWebExchange exchange) {
        String what = e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null ? e.getMethodParameter().getParameterName() : "?";
        return refused(QueryRefusal.invalid(what), exchange);
    }

    private static boolean prefersEnglish(ServerWebExchange exchange) {
        List<Locale.LanguageRange> ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
        Locale best = ranges.isEmpty() ? null : Locale.lookup(ranges, List.of(Locale.forLanguageTag("cs"), Locale.ENGLISH));
        return best != null && best.getLanguage().equals("en");
    }
}
