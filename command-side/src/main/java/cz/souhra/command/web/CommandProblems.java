package cz.souhra.command.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import cz.souhra.command.common.DomainException;
import cz.souhra.shared.ids.InvalidIdException;

/**
 * Every refusal of a command as an RFC 9457 problem: a stable {@code code}, the message in the caller's
 * language (Czech unless English is preferred) and both language versions for clients that show both.
 */
@RestControllerAdvice(basePackages = "cz.souhra.command")
@Order(0)
class CommandProblems {

    private static final Logger log = LoggerFactory.getLogger(CommandProblems.class);

    private static final Locale CS = Locale.forLanguageTag("cs");

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e, ServerWebExchange exchange) {
        return problem(HttpStatusCode.valueOf(e.kind().status()), e, exchange, Map.of());
    }

    @ExceptionHandler(InvalidIdException.class)
    ResponseEntity<ProblemDetail> invalidId(InvalidIdException e, ServerWebExchange exchange) {
        return problem(HttpStatus.BAD_REQUEST, DomainException.invalid("INVALID_ID", e.value()), exchange, Map.of());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> validation(WebExchangeBindException e, ServerWebExchange exchange) {
        Map<String, String> fields = new LinkedHashMap<>();
        e.getFieldErrors().forEach(f -> fields.putIfAbsent(f.getField(), f.getDefaultMessage()));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("errors", fields);
        fields.keySet().stream().findFirst().ifPresent(f -> extra.put("field", f));
        return problem(HttpStatus.BAD_REQUEST, DomainException.invalid("VALIDATION"), exchange, extra);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> input(ServerWebInputException e, ServerWebExchange exchange) throws ServerWebInputException {
        Throwable t = e;
        while (t != null) {
            if (t instanceof InvalidIdException iid) {
                return invalidId(iid, exchange);
            }
            if (t instanceof DomainException de) {
                return domain(de, exchange);
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
                DomainException named = JsonRefusals.of(json);
                if (named != null) {
                    return domain(named, exchange);
                }
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        // Anything else unreadable goes on to the application's error handler, which names the field and the value.
        throw e;
    }

    @ExceptionHandler({AggregateNotFoundException.class, AggregateDeletedException.class})
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e, ServerWebExchange exchange) {
        return problem(HttpStatus.NOT_FOUND, new DomainException(DomainException.Kind.NOT_FOUND, "NOT_FOUND", e.getAggregateIdentifier()), exchange, Map.of());
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> stale(ConflictingAggregateVersionException e, ServerWebExchange exchange) {
        return problem(HttpStatus.CONFLICT, DomainException.conflict("VERSION_CONFLICT", e.getExpectedVersion(), e.getActualVersion()), exchange,
                Map.of("currentVersion", e.getActualVersion()));
    }

    /** Creating what already exists (an institution code registered twice, a retried create): a conflict, never a 500. */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> exists(AggregateStreamCreationException e, ServerWebExchange exchange) {
        return problem(HttpStatus.CONFLICT, DomainException.conflict("ALREADY_EXISTS"), exchange, Map.of());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e, ServerWebExchange exchange) {
        return problem(HttpStatus.CONFLICT, DomainException.conflict("CONCURRENT_CHANGE"), exchange, Map.of());
    }

    @ExceptionHandler(JSR303ViolationException.class)
    ResponseEntity<ProblemDetail> violation(JSR303ViolationException e, ServerWebExchange exchange) {
        return problem(HttpStatus.BAD_REQUEST, DomainException.invalid("VALIDATION"), exchange, Map.of());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> wrapped(CommandExecutionException e, ServerWebExchange exchange) throws CommandExecutionException {
        if (e.getCause() instanceof DomainException de) {
            return domain(de, exchange);
        }
        throw e;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, DomainException e, ServerWebExchange exchange, Map<String, Object> extra) {
        boolean english = prefersEnglish(exchange);
        String cs = e.message(CS);
        String en = e.message(Locale.ENGLISH);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, english ? en : cs);
        HttpStatus s = HttpStatus.resolve(status.value());
        p.setTitle(s == null ? "Error" : s.getReasonPhrase());
        p.setType(URI.create("urn:souhra:problem:" + e.code().toLowerCase(Locale.ROOT).replace('_', '-')));
        p.setInstance(URI.create(exchange.getRequest().getPath().value()));
        p.setProperty("code", e.code());
        p.setProperty("messageCs", cs);
        p.setProperty("messageEn", en);
        String field = e.field() != null ? e.field()
                : (e.code().equals("REQUIRED") || e.code().equals("TOO_LONG")) && e.args().length > 0 ? String.valueOf(e.args()[0]) : null;
        if (field != null) {
            p.setProperty("field", field);
        }
        extra.forEach(p::setProperty);
        // an expected refusal: one line at INFO, no stack trace
        log.info("{} {} refused {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), status.value(), e.code(), en);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static boolean prefersEnglish(ServerWebExchange exchange) {
        List<Locale.LanguageRange> ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
        Locale best = ranges.isEmpty() ? null : Locale.lookup(ranges, List.of(CS, Locale.ENGLISH));
        return best != null && best.getLanguage().equals("en");
    }
}
