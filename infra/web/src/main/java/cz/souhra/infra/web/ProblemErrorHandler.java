package cz.souhra.infra.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoServerException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import cz.souhra.command.common.DomainException;
import cz.souhra.infra.store.StoreUnavailableException;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.shared.ids.InvalidIdException;

import reactor.core.publisher.Mono;

/**
 * Every answer that is not a success and that no controller advice gave: the one error contract of
 * {@link Problems} (RFC 9457 problem, stable {@code code}, {@code field} where there is one, Czech or English by
 * {@code Accept-Language}), or for a browser ({@code Accept: text/html}) the UI's error page in its layout.
 * Security refusals ({@link Refusal}), the firewall's, routing (404, 405, 406, 415), unreadable bodies (the
 * field and the value Jackson could not read), too large bodies, an unavailable store and failures all come
 * here. Refusals are logged at INFO on one line; only a 5xx logs its stack trace, under a reference id
 * that the answer carries, so an operator can find the cause.
 */
@Component
@Order(-2) // before Spring Boot's DefaultErrorWebExceptionHandler (-1)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final ObjectMapper json;
    /** An outage answers every request with 503: logged once per interval with a count, not once per request. */
    private final LogThrottle storeFaults = new LogThrottle(java.time.Duration.ofSeconds(30));
    private final LogThrottle storeGone = new LogThrottle(java.time.Duration.ofSeconds(30));
    private final ObjectProvider<HtmlErrorPage> pages;
    private final long maxBodyBytes;

    ProblemErrorHandler(ObjectMapper json, ObjectProvider<HtmlErrorPage> pages,
                        @Value("${spring.codec.max-in-memory-size:256KB}") DataSize maxBody) {
        this.json = json;
        this.pages = pages;
        this.maxBodyBytes = maxBody.toBytes();
    }

    /** What the answer says, in both languages; {@code reference} only for a 5xx. */
    record Answer(HttpStatusCode status, String code, String field, String cs, String en, Map<String, Object> extra, String reference) {

        static Answer edge(HttpStatusCode status, String code, String field, Object... args) {
            return new Answer(status, code, field, Problems.text(code, Problems.CZECH, args), Problems.text(code, Locale.ENGLISH, args), Map.of(), null);
        }
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        Answer answer = answer(error, exchange);
        log(exchange, answer, error);
        if (error instanceof ResponseStatusException rse) {
            rse.getHeaders().forEach((name, values) -> response.getHeaders().addAll(name, values));
        }
        HtmlErrorPage page = wantsHtml(exchange) ? pages.getIfAvailable() : null;
        Locale locale = page != null ? page.locale(exchange) : Problems.locale(exchange);
        ProblemDetail problem = Problems.of(answer.status(), answer.code(), answer.field(), locale, answer.cs(), answer.en());
        try {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        } catch (IllegalArgumentException notAUri) {
            // a path with characters a URI may not hold: the problem goes without its instance
        }
        answer.extra().forEach(problem::setProperty);
        if (answer.reference() != null) {
            problem.setProperty("reference", answer.reference());
        }
        response.setStatusCode(answer.status());
        if (page != null) {
            return page.render(exchange, answer.status(), problem);
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (Exception e) {
            body = ("{\"status\":" + problem.getStatus() + ",\"code\":\"" + answer.code() + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static void log(ServerWebExchange exchange, Answer answer, Throwable error) {
        String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        if (answer.reference() != null) {
            log.error("{} failed, reference {}", request, answer.reference(), error);
        } else if (answer.code().startsWith("STORE_UNAVAILABLE")) {
            // logged where it was recognised, once per interval with a count: an outage answers every request so
        } else if (answer.status().is5xxServerError()) {
            log.warn("{} answered {} {}: {}", request, answer.status().value(), answer.code(), rootCause(error).toString());
        } else {
            log.info("{} refused {} {}: {}", request, answer.status().value(), answer.code(), answer.en());
        }
    }

    Answer answer(Throwable error, ServerWebExchange exchange) {
        StoreUnavailableException gone = inChain(error, StoreUnavailableException.class);
        if (gone != null && gone.outcomeUnknown()) {
            long more = storeGone.admit();
            if (more >= 0) {
                log.warn("Store stopped answering during a command: {} ({} more in the last {} s)", gone.getMessage(), more, storeGone.every().toSeconds());
            }
            return Answer.edge(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE_OUTCOME_UNKNOWN", null);
        }
        Throwable unavailable = storeUnavailable(error);
        if (unavailable instanceof MongoServerException fault && StoreUnavailableException.isFault(fault.getCode())) {
            long more = storeFaults.admit();
            if (more >= 0) {
                log.warn("Store cannot write its files, request answered 503: {} ({} more such answers in the last {} s)",
                        fault.getMessage(), more, storeFaults.every().toSeconds());
            }
            return StoreUnavailableException.isFaultWithUnknownOutcome(fault.getCode())
                    ? new Answer(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE_OUTCOME_UNKNOWN", null,
                            "Úložiště nemůže zapisovat na disk (plný nebo vadný disk). Není jisté, zda byl požadavek zaznamenán: před opakováním ověřte stav.",
                            "The store cannot write to its disk (full or failing). It is not known whether the request was recorded: check before repeating it.", Map.of(), null)
                    : new Answer(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE", null,
                            "Úložiště nemůže zapisovat na disk (plný nebo vadný disk); požadavek nebyl zaznamenán. Služba se obnoví sama, jakmile disk opět přijímá zápisy; zkuste to prosím později.",
                            "The store cannot write to its disk (full or failing); the request was not recorded. Service resumes by itself once the disk takes writes again; please try again later.", Map.of(), null);
        }
        if (unavailable != null) {
            // A read that timed out is a MongoSocketReadTimeoutException caused by a plain SocketTimeoutException,
            // so the root cause alone does not tell.
            long more = storeGone.admit();
            if (more >= 0) {
                log.warn("Store unavailable: {} ({} more in the last {} s)", unavailable.toString(), more, storeGone.every().toSeconds());
            }
            return Answer.edge(HttpStatus.SERVICE_UNAVAILABLE, "STORE_UNAVAILABLE", null);
        }
        if (error instanceof Refusal r) {
            return Answer.edge(r.getStatusCode(), r.code(), null, r.args());
        }
        DomainException domain = inChain(error, DomainException.class);
        if (domain != null) {
            Object[] args = domain.args();
            String field = args.length > 0 && (domain.code().equals("REQUIRED") || domain.code().equals("TOO_LONG")) ? String.valueOf(args[0]) : null;
            return new Answer(HttpStatusCode.valueOf(domain.kind().status()), domain.code(), field, domain.message(Problems.CZECH),
                    domain.message(Locale.ENGLISH), Map.of(), null);
        }
        QueryRefusal query = inChain(error, QueryRefusal.class);
        if (query != null) {
            HttpStatus status = switch (query.kind()) {
                case INVALID -> HttpStatus.BAD_REQUEST;
                case FORBIDDEN -> HttpStatus.FORBIDDEN;
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case CONFLICT -> HttpStatus.CONFLICT;
            };
            return new Answer(status, query.code(), null, query.cs(), query.en(), Map.of(), null);
        }
        InvalidIdException invalidId = inChain(error, InvalidIdException.class);
        if (invalidId != null) {
            DomainException d = DomainException.invalid("INVALID_ID", invalidId.value());
            JsonMappingException in = inChain(error, JsonMappingException.class);
            return new Answer(HttpStatus.BAD_REQUEST, "INVALID_ID", in == null ? null : path(in.getPath()), d.message(Problems.CZECH),
                    d.message(Locale.ENGLISH), Map.of(), null);
        }
        if (inChain(error, org.axonframework.eventsourcing.IncompatibleAggregateException.class) != null) {
            // The id names an aggregate of another type (a measure's id sent as a meeting's): for this type it does not exist.
            return Answer.edge(HttpStatus.NOT_FOUND, "RECORD_NOT_FOUND", null);
        }
        if (error instanceof MethodNotAllowedException m) {
            String allowed = m.getSupportedMethods().stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
            return Answer.edge(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", null, m.getHttpMethod(), allowed.isEmpty() ? "-" : allowed);
        }
        if (error instanceof NotAcceptableStatusException n) {
            String asked = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT);
            return Answer.edge(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", null, asked == null ? "-" : Problems.quoted(asked), types(n.getSupportedMediaTypes()));
        }
        if (error instanceof UnsupportedMediaTypeStatusException u) {
            return Answer.edge(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", null,
                    u.getContentType() == null ? "-" : Problems.quoted(u.getContentType().toString()), types(u.getSupportedMediaTypes()));
        }
        if (error instanceof PayloadTooLargeException || inChain(error, DataBufferLimitException.class) != null) {
            return Answer.edge(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", null, maxBodyBytes);
        }
        if (inChain(error, InvalidMediaTypeException.class) != null) {
            return Answer.edge(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", null, "-", MediaType.APPLICATION_JSON_VALUE);
        }
        if (error instanceof ServerWebInputException input) {
            return unreadable(input);
        }
        if (error instanceof ResponseStatusException rse && rse.getStatusCode().value() == 404) {
            return Answer.edge(HttpStatus.NOT_FOUND, "NO_SUCH_RESOURCE", null, Problems.quoted(exchange.getRequest().getPath().value()));
        }
        if (error instanceof ErrorResponse er && er.getStatusCode().value() < 500) {
            return Answer.edge(er.getStatusCode(), "REQUEST_REFUSED", null, er.getStatusCode().value());
        }
        String reference = UUID.randomUUID().toString();
        Answer failed = Answer.edge(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", null, reference);
        return new Answer(failed.status(), failed.code(), null, failed.cs(), failed.en(), Map.of(), reference);
    }

    /**
     * A request whose parameters or body could not be read: the field and the value where Jackson (or the
     * conversion of a parameter) says which, so the sender can fix it. Generic over Jackson's exceptions:
     * stricter settings (no coercion, duplicate keys, trailing tokens) report through the same types.
     */
    private Answer unreadable(ServerWebInputException input) {
        HttpStatus bad = HttpStatus.BAD_REQUEST;
        if (input instanceof MissingRequestValueException missing) {
            return Answer.edge(bad, "MISSING_PARAMETER", missing.getName(), missing.getName());
        }
        TypeMismatchException mismatch = inChain(input, TypeMismatchException.class);
        if (mismatch != null) {
            String name = mismatch.getPropertyName() != null ? mismatch.getPropertyName()
                    : input.getMethodParameter() != null && input.getMethodParameter().getParameterName() != null
                    ? input.getMethodParameter().getParameterName() : "?";
            return Answer.edge(bad, "INVALID_PARAMETER", name, name, Problems.quoted(mismatch.getValue()));
        }
        JsonProcessingException jackson = inChain(input, JsonProcessingException.class);
        if (jackson == null) {
            if (input.getReason() != null && input.getReason().startsWith("No request body")) {
                return Answer.edge(bad, "MISSING_BODY", null);
            }
            String name = input.getMethodParameter() != null ? input.getMethodParameter().getParameterName() : null;
            return name != null && input.getMethodParameter().getParameterIndex() >= 0 && !isBody(input)
                    ? Answer.edge(bad, "INVALID_PARAMETER", name, name, "?")
                    : Answer.edge(bad, "MALFORMED_JSON", null, "?", "?");
        }
        String field = jackson instanceof JsonMappingException mapping ? path(mapping.getPath()) : null;
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            return Answer.edge(bad, "UNKNOWN_FIELD", field, field == null ? unknown.getPropertyName() : field);
        }
        if (jackson instanceof InvalidFormatException format && field != null) {
            // a password is never quoted back, not even a malformed one
            Object value = field.toLowerCase(Locale.ROOT).contains("password") ? "***" : Problems.quoted(format.getValue());
            return expected(bad, "INVALID_FIELD_VALUE", field, format.getTargetType(), field, value);
        }
        String message = jackson.getOriginalMessage() == null ? "" : jackson.getOriginalMessage();
        JsonLocation at = jackson.getLocation();
        Object line = at == null || at.getLineNr() < 0 ? "?" : at.getLineNr();
        Object column = at == null || at.getColumnNr() < 0 ? "?" : at.getColumnNr();
        if (message.startsWith("Duplicate field '")) {
            String name = message.substring("Duplicate field '".length(), Math.max("Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length())));
            return Answer.edge(bad, "DUPLICATE_FIELD", name, name);
        }
        if (message.startsWith("Trailing token")) {
            return Answer.edge(bad, "TRAILING_CONTENT", null, line, column);
        }
        if (jackson instanceof MismatchedInputException mismatched && field != null) {
            return expected(bad, "WRONG_FIELD_TYPE", field, mismatched.getTargetType(), field);
        }
        if (jackson instanceof JsonMappingException && field != null) {
            return expected(bad, "WRONG_FIELD_TYPE", field, null, field);
        }
        if (jackson instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null && message.startsWith("No content")) {
            return Answer.edge(bad, "MISSING_BODY", null);
        }
        return Answer.edge(bad, "MALFORMED_JSON", null, line, column);
    }

    private static boolean isBody(ServerWebInputException input) {
        return input.getMethodParameter() != null && input.getMethodParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class);
    }

    /** A problem whose last argument says, in each language, what the field expects. */
    private static Answer expected(HttpStatus status, String code, String field, Class<?> type, Object... args) {
        Object[] cs = Arrays.copyOf(args, args.length + 1);
        Object[] en = Arrays.copyOf(args, args.length + 1);
        cs[args.length] = expectation(type, Problems.CZECH);
        en[args.length] = expectation(type, Locale.ENGLISH);
        return new Answer(status, code, field, Problems.text(code, Problems.CZECH, cs), Problems.text(code, Locale.ENGLISH, en), Map.of(), null);
    }

    static String expectation(Class<?> type, Locale locale) {
        if (type == null) {
            return Problems.text("expected.value", locale);
        }
        if (type.isEnum()) {
            return Problems.text("expected.enum", locale, Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", ")));
        }
        String key;
        if (type == LocalDate.class) {
            key = "date";
        } else if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class || type == LocalDateTime.class) {
            key = "datetime";
        } else if (type == int.class || type == long.class || type == short.class || type == Integer.class || type == Long.class
                || type == Short.class || type == java.math.BigInteger.class) {
            key = "integer";
        } else if (type == double.class || type == float.class || type == Double.class || type == Float.class || type == java.math.BigDecimal.class) {
            key = "number";
        } else if (type == boolean.class || type == Boolean.class) {
            key = "boolean";
        } else if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            key = "text";
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            key = "list";
        } else if (type.getPackageName().startsWith("cz.souhra.shared.ids") || type == UUID.class) {
            key = "id";
        } else {
            key = "object";
        }
        return Problems.text("expected." + key, locale);
    }

    /** Jackson's path as the sender wrote it: {@code attendance[0].status}. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.isEmpty() ? null : s.toString();
    }

    private static String types(List<MediaType> types) {
        String s = types.stream().map(MediaType::toString).distinct().collect(Collectors.joining(", "));
        return s.isEmpty() ? "-" : s;
    }

    /**
     * Whether the caller is a browser asking for a page: it names text/html and no JSON type. A header
     * that cannot be parsed means no.
     */
    static boolean wantsHtml(ServerWebExchange exchange) {
        List<String> accept = exchange.getRequest().getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || accept.isEmpty()) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(t -> t.getType().equals("text") && t.getSubtype().equals("html"))
                    && types.stream().noneMatch(t -> t.getSubtype().equals("json") || t.getSubtype().endsWith("+json"));
        } catch (IllegalArgumentException unreadable) { // InvalidMediaTypeException among them
            return false;
        }
    }

    /** The store's connectivity failure or a failed write of its files anywhere in the chain. */
    private static Throwable storeUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof MongoTimeoutException || c instanceof MongoSocketException || c instanceof StoreUnavailableException
                    || c instanceof MongoServerException m && StoreUnavailableException.isFault(m.getCode())) {
                return c;
            }
        }
        return null;
    }

    private static <T extends Throwable> T inChain(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
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
