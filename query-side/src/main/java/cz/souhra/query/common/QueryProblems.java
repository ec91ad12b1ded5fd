package cz.souhra.query.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.beans.TypeMismatchException;

import cz.souhra.shared.ids.InvalidIdException;

/** Refused reads as RFC 9457 problems with a stable code, Czech unless English is preferred. */
@RestControllerAdvice(basePackages = "cz.souhra.query")
@Order(0)
class QueryProblems {

    private static final Logger log = LoggerFactory.getLogger(QueryProblems.class);

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
        if (e.kind() == QueryRefusal.Kind.INVALID && e.code().equals("INVALID_QUERY")) {
            // the parameter, as in the refused value "sort=secret" or the parameter's name
            Object[] named = e.args();
            if (named.length > 0) {
                p.setProperty("field", String.valueOf(named[0]).split("=", 2)[0]);
            }
        }
        p.setProperty("messageCs", e.cs());
        p.setProperty("messageEn", e.en());
        log.info("{} {} refused {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), status.value(), e.code(), e.en());
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
        return refused(new QueryRefusal(QueryRefusal.Kind.INVALID, "INVALID_ID", e.value()), exchange);
    }

    /**
     * An id, a query parameter of the wrong type or a missing one is this side's refusal (INVALID_QUERY naming
     * {@code parameter=value}); any other unreadable input goes on to the application's error handler, which
     * names the field and the value in the one error contract.
     */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> input(ServerWebInputException e, ServerWebExchange exchange) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidIdException iid) {
                return invalidId(iid, exchange);
            }
            if (t instanceof QueryRefusal r) {
                return refused(r, exchange);
            }
            if (t instanceof TypeMismatchException mismatch) {
                String name = mismatch.getPropertyName() != null ? mismatch.getPropertyName() : parameterName(e);
                String value = String.valueOf(mismatch.getValue());
                return refused(QueryRefusal.invalid(name + "=" + (value.length() > 60 ? value.substring(0, 60) + "…" : value)), exchange);
            }
        }
        if (e instanceof MissingRequestValueException missing) {
            return refused(QueryRefusal.invalid(missing.getName()), exchange);
        }
        throw e;
    }

    private static String parameterName(ServerWebInputException e) {
        return e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null ? e.getMethodParameter().getParameterName() : "?";
    }

    private static boolean prefersEnglish(ServerWebExchange exchange) {
        List<Locale.LanguageRange> ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
        Locale best = ranges.isEmpty() ? null : Locale.lookup(ranges, List.of(Locale.forLanguageTag("cs"), Locale.ENGLISH));
        return best != null && best.getLanguage().equals("en");
    }
}
