package cz.souhra.infra.security;

import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.user.ChangePasswordCommand;
import cz.souhra.shared.commands.user.DisableUserCommand;
import cz.souhra.shared.commands.user.EnableUserCommand;
import cz.souhra.shared.commands.user.GrantRoleCommand;
import cz.souhra.shared.commands.user.RegisterUserCommand;
import cz.souhra.shared.commands.user.ResetPasswordCommand;
import cz.souhra.shared.commands.user.RevokeRoleCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * User administration, ADMIN only: enforced by the security chain and again by the UserAccount aggregate,
 * so a future caller that bypasses this controller is still refused. The event is recorded first and the
 * hash written after it, so a refused command (not an admin, name taken, unknown account) leaves no
 * credential behind.
 */
@RestController
@RequestMapping("/api/admin/users")
class UserAdminController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UserAdminController.class);

    record NewUser(@NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{2,100}") String user, @NotBlank @Size(max = 200) String password,
                   @Size(max = 32) String institution, List<@Pattern(regexp = "ADMIN|SECRETARY|MEMBER|AUDITOR") String> roles,
                   @Size(max = 200) String displayName, @jakarta.validation.constraints.Email @Size(max = 254) String email) {}

    record Grant(@NotBlank @Pattern(regexp = "ADMIN|SECRETARY|MEMBER|AUDITOR") String role, @Size(max = 64) String bodyId) {}

    record Password(@NotBlank @Size(max = 200) String password) {}

    record Reason(@Size(max = 2000) String reason) {}

    private final CommandGateway commands;
    private final UserStore users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;

    UserAdminController(CommandGateway commands, UserStore users, PasswordEncoder encoder, PasswordPolicy policy, LoginThrottle throttle) {
        this.commands = commands;
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
        this.throttle = throttle;
    }

    @GetMapping
    Mono<List<UserView>> list() {
        return Mono.fromCallable(users::all).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/{user}")
    Mono<ResponseEntity<UserView>> one(@PathVariable String user) {
        // an unknown name is the same USER_NOT_FOUND problem as a command about it (AccountProblems), not an empty 404
        return Mono.fromCallable(() -> users.view(user).map(ResponseEntity::ok)
                        .orElseThrow(() -> new org.axonframework.modelling.command.AggregateNotFoundException(user, "No such user")))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> create(@Valid @RequestBody NewUser body, Actor actor) {
        return acceptable(policy, body.user(), body.password())
                .then(send(new RegisterUserCommand(body.user(), blankToNull(body.institution()), body.roles() == null ? List.of() : body.roles(),
                        body.displayName(), blankToNull(body.email())), actor))
                .then(storeHash(body.user(), body.password()))
                .thenReturn(ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/admin/users/" + body.user())
                        .body(Map.of("id", body.user())));
    }

    @PostMapping("/{user}/roles")
    Mono<ResponseEntity<Map<String, Object>>> grant(@PathVariable String user, @Valid @RequestBody Grant body, Actor actor) {
        return send(new GrantRoleCommand(user, body.role(), blankToNull(body.bodyId())), actor).thenReturn(accepted(user));
    }

    /**
     * Revoking SECRETARY without {@code bodyId} revokes every body's secretaryship too (one event per body), so
     * the account keeps no right of the role; with {@code bodyId} only that body's.
     */
    @DeleteMapping("/{user}/roles/{role}")
    Mono<ResponseEntity<Map<String, Object>>> revoke(@PathVariable String user, @PathVariable String role,
                                                     @RequestParam(required = false) String bodyId, Actor actor) {
        String body = blankToNull(bodyId);
        return Mono.fromCallable(() -> body == null && "SECRETARY".equals(role)
                        ? users.view(user).map(UserView::secretaryOf).orElse(List.of()) : List.<String>of())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(appointed -> send(new RevokeRoleCommand(user, role, body, appointed), actor))
                .thenReturn(accepted(user));
    }

    @PostMapping("/{user}/password")
    Mono<ResponseEntity<Map<String, Object>>> password(@PathVariable String user, @Valid @RequestBody Password body, Actor actor) {
        return acceptable(policy, user, body.password()).then(send(new ChangePasswordCommand(user), actor)).then(storeHash(user, body.password()))
                .thenReturn(accepted(user));
    }

    @PostMapping("/{user}/disable")
    Mono<ResponseEntity<Map<String, Object>>> disable(@PathVariable String user, @RequestBody(required = false) Reason body, Actor actor) {
        return send(new DisableUserCommand(user, body == null ? null : body.reason()), actor).thenReturn(accepted(user));
    }

    @PostMapping("/{user}/enable")
    Mono<ResponseEntity<Map<String, Object>>> enable(@PathVariable String user, @Valid @RequestBody(required = false) Reason body, Actor actor) {
        return send(new EnableUserCommand(user, body == null ? null : body.reason()), actor).thenReturn(accepted(user));
    }

    /**
     * A one-time password, generated here and answered once (never stored in clear, never in an event); its
     * owner must choose a new one at the next login ({@code PASSWORD_CHANGE_REQUIRED} until then).
     */
    @PostMapping("/{user}/password-reset")
    Mono<ResponseEntity<Map<String, Object>>> resetPassword(@PathVariable String user, Actor actor) {
        String oneTime = policy.oneTimePassword(user);
        return send(new ResetPasswordCommand(user), actor).then(storeHash(user, oneTime))
                .thenReturn(ResponseEntity.ok(Map.of("id", user, "oneTimePassword", oneTime)));
    }

    /**
     * Forgets the name's failed logins at every address, so its owner may try again at once. Not an event: the
     * throttle lives in memory only and changes no account; the log says who unlocked whom.
     */
    @PostMapping("/{user}/unlock")
    ResponseEntity<Map<String, Object>> unlock(@PathVariable String user, Actor actor) {
        boolean wasThrottled = throttle.isThrottledAnywhere(user);
        throttle.unlock(user);
        log.info("Login throttle for '{}' cleared by {} (was throttled: {})", user, actor.user(), wasThrottled);
        return ResponseEntity.ok(Map.of("id", user, "wasThrottled", wasThrottled));
    }

    private Mono<Object> send(Object command, Actor actor) {
        // Off the event loop: the command bus handles the command, store append included, in this thread.
        return Mono.fromFuture(() -> commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(actor.toMetaData())))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<Void> storeHash(String user, String password) {
        // bcrypt takes ~0.1 s of CPU and the store call blocks: neither belongs on an event-loop thread.
        return Mono.fromRunnable(() -> users.setPasswordHash(user, encoder.encode(password))).subscribeOn(Schedulers.boundedElastic()).then();
    }

    /** Empty when the policy accepts the password, else a WeakPasswordException; off the event loop (an estimate takes up to ~0.4 s). */
    static Mono<Void> acceptable(PasswordPolicy policy, String user, String password) {
        return Mono.fromRunnable(() -> {
            PasswordPolicy.Verdict verdict = policy.check(user, password);
            if (verdict != PasswordPolicy.Verdict.ACCEPTABLE) {
                throw new WeakPasswordException(verdict);
            }
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private static ResponseEntity<Map<String, Object>> accepted(String user) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", user));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Refused before anything is recorded; the message never repeats the password. */
    static class WeakPasswordException extends RuntimeException {
        final PasswordPolicy.Verdict verdict;

        WeakPasswordException(PasswordPolicy.Verdict verdict) {
            super("WEAK_PASSWORD", null, false, false);
            this.verdict = verdict;
        }
    }
}
