package cz.souhra.infra.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import cz.souhra.infra.store.StoreUnavailableException;

import reactor.core.publisher.Mono;

/**
 * Last line of error handling: whatever no controller advice answered becomes an RFC 9457 problem with
 * a stable code and a Czech or English message, never a stack trace, class name or driver text. A 500
 * carries a reference id that is also in the log, so an operator can find the cause.
 */
@Component
@Order(-2) // before Spring Boot's DefaultErrorWebExceptionHandler (-1)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    private final ObjectMapper json;
    /** An outage answers every request with 503: logged once per interval with a count, not once per request. */
    private final LogThrottle storeFaults = new LogThrottle(java.time.Duration.ofSeconds(30));
    private final LogThrottle storeGone = new LogThrottle(java.time.Duration.ofSeconds(30));

    ProblemErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        boolean czech = prefersCzech(exchange);
        ProblemDetail problem = toProblem(error, czech);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(PROBLEM);
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (Exception e) {
            body = ("{\"status\":" + problem.getStatus() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private ProblemDetail toProblem(Throwable error, boolean czech) {
        Throwable root = rootCause(error);
        if (error instanceof StoreUnavailableException gone && gone.outcomeUnknown()) {
            log.warn("Store unavailable during a command: {}", gone.getMessage());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE_OUTCOME_UNKNOWN",
                    "Úložiště přestalo odpovídat během zpracování požadavku. Není jisté, zda byl zaznamenán: před opakováním ověřte stav.",
                    "The store stopped answering while the request was processed. It is not known whether it was recorded: check before repeating it.", czech);
        }
        Throwable unavailable = storeUnavailable(error);
        if (unavailable instanceof MongoServerException fault && StoreUnavailableException.isFault(fault.getCode())) {
            long more = storeFaults.admit();
            if (more >= 0) {
                log.warn("Store cannot write its files, request answered 503: {} ({} more such answers in the last {} s)",
                        fault.getMessage(), more, storeFaults.every().toSeconds());
            }
            return StoreUnavailableException.isFaultWithUnknownOutcome(fault.getCode())
                    ? problem(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE_OUTCOME_UNKNOWN",
                            "Úložiště nemůže zapisovat na disk (plný nebo vadný disk). Není jisté, zda byl požadavek zaznamenán: před opakováním ověřte stav.",
                            "The store cannot write to its disk (full or failing). It is not known whether the request was recorded: check before repeating it.", czech)
                    : problem(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE",
                            "Úložiště nemůže zapisovat na disk (plný nebo vadný disk); požadavek nebyl zaznamenán. Služba se obnoví sama, jakmile disk opět přijímá zápisy; zkuste to prosím později.",
                            "The store cannot write to its disk (full or failing); the request was not recorded. Service resumes by itself once the disk takes writes again; please try again later.", czech);
        }
        if (unavailable != null) {
            long more = storeGone.admit();
            if (more >= 0) {
                log.warn("Store unavailable: {} ({} more in the last {} s)", unavailable.toString(), more, storeGone.every().toSeconds());
            }
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE",
                    "Úložiště je dočasně nedostupné, zkuste to prosím znovu.",
                    "The store is temporarily unavailable, please try again.", czech);
        }
        if (root instanceof org.axonframework.eventsourcing.IncompatibleAggregateException) {
            // The id names an aggregate of another type (a measure's id sent as a meeting's): for this type it does not exist.
            return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Záznam s tímto identifikátorem neexistuje.", "No record with this identifier exists.", czech);
        }
        if (error instanceof ResponseStatusException rse && rse.getStatusCode().value() == 404) {
            return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Požadovaná adresa neexistuje.", "No such resource.", czech);
        }
        if (root instanceof DecodingException || error instanceof org.springframework.web.server.ServerWebInputException) {
            return problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Požadavek nelze přečíst (chybný formát nebo typ hodnoty).",
                    "The request could not be read (malformed body or wrong value type).", czech);
        }
        if (error instanceof ErrorResponse er) {
            HttpStatusCode status = er.getStatusCode();
            if (status.value() < 500) {
                HttpStatus s = HttpStatus.resolve(status.value());
                String reason = s == null ? "Error" : s.getReasonPhrase();
                return problem(status, "HTTP_" + status.value(), "Požadavek byl odmítnut: " + reason + ".", "Request refused: " + reason + ".", czech);
            }
        }
        if (root instanceof IllegalArgumentException iae && iae.getClass().getName().startsWith("cz.souhra.")) {
            return problem(HttpStatus.BAD_REQUEST, "INVALID_VALUE", "Neplatná hodnota: " + iae.getMessage(), "Invalid value: " + iae.getMessage(), czech);
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unhandled error, reference {}", reference, error);
        ProblemDetail p = problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "Vnitřní chyba serveru. Sdělte prosím správci referenci " + reference + ".",
                "Internal server error. Please give the administrator reference " + reference + ".", czech);
        p.setProperty("reference", reference);
        return p;
    }

    static ProblemDetail problem(HttpStatusCode status, String code, String cs, String en, boolean czech) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, czech ? cs : en);
        HttpStatus s = HttpStatus.resolve(status.value());
        p.setTitle(s == null ? "Error" : s.getReasonPhrase());
        p.setType(URI.create("urn:souhra:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        p.setProperty("code", code);
        p.setProperty("messageCs", cs);
        p.setProperty("messageEn", en);
        return p;
    }

    private static boolean prefersCzech(ServerWebExchange exchange) {
        // This handler gets the exchange as it came in, before HeaderSanitizer: an unparsable
        // Accept-Language must not turn the problem answer itself into an empty 500.
        List<Locale.LanguageRange> ranges;
        try {
            ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
        if (ranges.isEmpty()) {
            return true;
        }
        Locale best = Locale.lookup(ranges, List.of(Locale.forLanguageTag("cs"), Locale.ENGLISH));
        return best == null || best.getLanguage().equals("cs");
    }

    /**
     * The store's connectivity failure anywhere in the chain: a read that timed out is a
     * MongoSocketReadTimeoutException caused by a plain SocketTimeoutException, so the root cause alone
     * does not tell (found by SIGSTOPping the store's host, which answered 500 before).
     */
    private static Throwable storeUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof MongoTimeoutException || c instanceof MongoSocketException || c instanceof StoreUnavailableException
                    || c instanceof MongoServerException m && StoreUnavailableException.isFault(m.getCode())) {
                return c;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
