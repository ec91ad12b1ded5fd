package cz.souhra.infra.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import cz.souhra.command.common.DomainException;
import cz.souhra.infra.web.Problems;

/**
 * Refusals of the account endpoints as RFC 9457 problems with a stable code and both language versions,
 * like the command side's. Messages are written here rather than in the domain bundles because these
 * codes (name taken, weak password, wrong current password) belong to account management only.
 */
@RestControllerAdvice(assignableTypes = {UserAdminController.class, MeController.class})
@Order(0)
class AccountProblems {

    private static final Logger log = LoggerFactory.getLogger(AccountProblems.class);

    private static final Locale CS = Locale.forLanguageTag("cs");

    private final MessageSource messages;

    AccountProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e, ServerWebExchange exchange) {
        return problem(HttpStatusCode.valueOf(e.kind().status()), e.code(), e.message(CS), e.message(Locale.ENGLISH), exchange,
                e.field() == null ? Map.of() : Map.of("field", e.field()));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> wrapped(CommandExecutionException e, ServerWebExchange exchange) throws CommandExecutionException {
        if (e.getCause() instanceof DomainException de) {
            return domain(de, exchange);
        }
        throw e;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknown(AggregateNotFoundException e, ServerWebExchange exchange) {
        return edge(HttpStatus.NOT_FOUND, "USER_NOT_FOUND", exchange);
    }

    @ExceptionHandler({AggregateStreamCreationException.class, ConcurrencyException.class})
    ResponseEntity<ProblemDetail> taken(RuntimeException e, ServerWebExchange exchange) {
        return edge(HttpStatus.CONFLICT, "USER_EXISTS", exchange);
    }

    /** Which rule the password broke ({@code reason}) and the field, never the password itself. */
    @ExceptionHandler(UserAdminController.WeakPasswordException.class)
    ResponseEntity<ProblemDetail> weak(UserAdminController.WeakPasswordException e, ServerWebExchange exchange) {
        Object[] args = {PasswordPolicy.MIN_LENGTH};
        String key = e.verdict.messageKey;
        return problem(HttpStatus.BAD_REQUEST, "WEAK_PASSWORD", messages.getMessage(key, args, CS), messages.getMessage(key, args, Locale.ENGLISH),
                exchange, Map.of("field", exchange.getRequest().getPath().value().endsWith("/me/password") ? "newPassword" : "password",
                        "reason", e.verdict.name()));
    }

    @ExceptionHandler(MeController.WrongPasswordException.class)
    ResponseEntity<ProblemDetail> wrongPassword(RuntimeException e, ServerWebExchange exchange) {
        return edge(HttpStatus.FORBIDDEN, "WRONG_PASSWORD", exchange);
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> validation(WebExchangeBindException e, ServerWebExchange exchange) {
        Map<String, String> fields = new LinkedHashMap<>();
        // Field names only: a rejected value could be a password.
        e.getFieldErrors().forEach(f -> fields.putIfAbsent(f.getField(), f.getCode()));
        DomainException invalid = DomainException.invalid("VALIDATION");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("errors", fields);
        fields.keySet().stream().findFirst().ifPresent(f -> extra.put("field", f));
        return problem(HttpStatus.BAD_REQUEST, "VALIDATION", invalid.message(CS), invalid.message(Locale.ENGLISH), exchange, extra);
    }

    /** Unreadable input goes on to the application's error handler, which names the field and, but for a password field, the value. */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> input(ServerWebInputException e, ServerWebExchange exchange) throws ServerWebInputException {
        throw e;
    }

    private static ResponseEntity<ProblemDetail> edge(HttpStatusCode status, String code, ServerWebExchange exchange, Object... args) {
        return problem(status, code, Problems.text(code, CS, args), Problems.text(code, Locale.ENGLISH, args), exchange, Map.of());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String code, String cs, String en, ServerWebExchange exchange,
                                                         Map<String, Object> extra) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, Problems.locale(exchange).getLanguage().equals("en") ? en : cs);
        HttpStatus s = HttpStatus.resolve(status.value());
        p.setTitle(s == null ? "Error" : s.getReasonPhrase());
        p.setType(URI.create("urn:souhra:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        p.setInstance(URI.create(exchange.getRequest().getPath().value()));
        p.setProperty("code", code);
        if (extra.containsKey("field")) {
            p.setProperty("field", extra.get("field"));
        }
        p.setProperty("messageCs", cs);
        p.setProperty("messageEn", en);
        extra.forEach(p::setProperty);
        log.info("{} {} refused {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), status.value(), code, en);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
