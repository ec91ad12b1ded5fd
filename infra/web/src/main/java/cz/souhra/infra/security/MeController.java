package cz.souhra.infra.security;

import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.user.ChangePasswordCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The caller's own account: who the server thinks they are (what every command will be attributed to),
 * and a password change that asks for the current password, so a borrowed unlocked session cannot take
 * the account over. Open to every authenticated user, auditors included.
 */
@RestController
@RequestMapping("/api/me")
class MeController {

    record PasswordChange(@NotBlank @Size(max = 200) String currentPassword, @NotBlank @Size(max = 200) String newPassword) {}

    private final CommandGateway commands;
    private final UserStore users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;

    MeController(CommandGateway commands, UserStore users, PasswordEncoder encoder, PasswordPolicy policy) {
        this.commands = commands;
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
    }

    @GetMapping
    Actor me(Actor actor) {
        return actor;
    }

    @PostMapping("/password")
    Mono<ResponseEntity<Map<String, Object>>> changePassword(@Valid @RequestBody PasswordChange body, Actor actor) {
        Mono<Boolean> currentMatches = Mono.fromCallable(() -> users.find(actor.user())
                        .filter(p -> encoder.matches(body.currentPassword(), p.getPassword()))
                        .isPresent())
                .subscribeOn(Schedulers.boundedElastic());
        return UserAdminController.acceptable(policy, actor.user(), body.newPassword())
                .then(currentMatches)
                .flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(new WrongPasswordException()))
                .then(Mono.fromFuture(() -> commands.send(GenericCommandMessage.asCommandMessage(new ChangePasswordCommand(actor.user()))
                        .andMetaData(actor.toMetaData()))))
                .then(Mono.fromRunnable(() -> users.setPasswordHash(actor.user(), encoder.encode(body.newPassword())))
                        .subscribeOn(Schedulers.boundedElastic()))
                .thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", actor.user())));
    }

    static class WrongPasswordException extends RuntimeException {
        WrongPasswordException() {
            super("WRONG_PASSWORD", null, false, false);
        }
    }
}
