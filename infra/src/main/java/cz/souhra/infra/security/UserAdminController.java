package cz.souhra.infra.security;

import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
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
import cz.souhra.shared.commands.user.GrantRoleCommand;
import cz.souhra.shared.commands.user.RegisterUserCommand;
import cz.souhra.shared.commands.user.RevokeRoleCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** User administration (ADMIN only, enforced by the security chain and again by the UserAccount aggregate). */
@RestController
@RequestMapping("/api/admin/users")
class UserAdminController {

    record NewUser(@NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{2,100}") String user, @NotBlank @Size(min = 12, max = 200) String password,
                   @Size(max = 32) String institution, List<@Pattern(regexp = "ADMIN|SECRETARY|MEMBER|AUDITOR") String> roles,
                   @Size(max = 200) String displayName) {}

    record Grant(@NotBlank @Pattern(regexp = "ADMIN|SECRETARY|MEMBER|AUDITOR") String role, String bodyId) {}

    record Password(@NotBlank @Size(min = 12, max = 200) String password) {}

    record Reason(@Size(max = 2000) String reason) {}

    private final CommandGateway commands;
    private final UserStore users;
    private final PasswordEncoder encoder;

    UserAdminController(CommandGateway commands, UserStore users, PasswordEncoder encoder) {
        this.commands = commands;
        this.users = users;
        this.encoder = encoder;
    }

    @GetMapping
    Mono<List<Document>> list() {
        return Mono.fromCallable(users::all).subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> create(@Valid @RequestBody NewUser body, Actor actor) {
        return send(new RegisterUserCommand(body.user(), body.institution(), body.roles() == null ? List.of() : body.roles(), body.displayName()), actor)
                .then(Mono.fromRunnable(() -> users.setPasswordHash(body.user(), encoder.encode(body.password()))).subscribeOn(Schedulers.boundedElastic()))
                .thenReturn(ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", body.user())));
    }

    @PostMapping("/{user}/roles")
    Mono<ResponseEntity<Map<String, Object>>> grant(@PathVariable String user, @Valid @RequestBody Grant body, Actor actor) {
        return send(new GrantRoleCommand(user, body.role(), blankToNull(body.bodyId())), actor).thenReturn(accepted(user));
    }

    @DeleteMapping("/{user}/roles/{role}")
    Mono<ResponseEntity<Map<String, Object>>> revoke(@PathVariable String user, @PathVariable String role,
                                                     @RequestParam(required = false) String bodyId, Actor actor) {
        return send(new RevokeRoleCommand(user, role, blankToNull(bodyId)), actor).thenReturn(accepted(user));
    }

    @PostMapping("/{user}/password")
    Mono<ResponseEntity<Map<String, Object>>> password(@PathVariable String user, @Valid @RequestBody Password body, Actor actor) {
        return send(new ChangePasswordCommand(user), actor)
                .then(Mono.fromRunnable(() -> users.setPasswordHash(user, encoder.encode(body.password()))).subscribeOn(Schedulers.boundedElastic()))
                .thenReturn(accepted(user));
    }

    @PostMapping("/{user}/disable")
    Mono<ResponseEntity<Map<String, Object>>> disable(@PathVariable String user, @RequestBody(required = false) Reason body, Actor actor) {
        return send(new DisableUserCommand(user, body == null ? null : body.reason()), actor).thenReturn(accepted(user));
    }

    private Mono<Object> send(Object command, Actor actor) {
        return Mono.fromFuture(() -> commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(actor.toMetaData())));
    }

    private static ResponseEntity<Map<String, Object>> accepted(String user) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", user));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
