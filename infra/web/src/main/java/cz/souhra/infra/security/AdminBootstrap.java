package cz.souhra.infra.security;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.user.RegisterUserCommand;

/**
 * There is no default password. At the first start with no users, {@code admin} gets the password from
 * {@code SOUHRA_ADMIN_PASSWORD} ({@code souhra.admin-password}); without it a random one is generated and
 * printed once. Its creation is an event like every other account change. It runs before any other
 * start-up work (demo data appoints secretaries, which creates account documents without passwords), and
 * "no users" means no account anyone can log in with.
 */
@Component
@org.springframework.core.annotation.Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserStore users;
    private final CommandGateway commands;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final String configured;

    AdminBootstrap(UserStore users, CommandGateway commands, PasswordEncoder encoder, PasswordPolicy policy,
                   @Value("${souhra.admin-password:${SOUHRA_ADMIN_PASSWORD:}}") String configured) {
        this.users = users;
        this.commands = commands;
        this.encoder = encoder;
        this.policy = policy;
        this.configured = configured;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.anyCanLogIn()) {
            return;
        }
        boolean generated = configured == null || configured.isBlank();
        if (!generated) {
            policy.requireAcceptable("SOUHRA_ADMIN_PASSWORD", "admin", configured);
        }
        String password = configured;
        while (generated && (password == null || policy.check("admin", password) != PasswordPolicy.Verdict.ACCEPTABLE)) {
            // ~116 bits pass at once; the loop only guards the rare draw that spells a word or a keyboard row
            password = randomPassword();
        }
        Actor system = new Actor(Actor.SYSTEM, null, Set.of(), Set.of());
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RegisterUserCommand("admin", null, List.of("ADMIN"), "Správce systému"))
                    .andMetaData(system.toMetaData()));
        } catch (AggregateStreamCreationException e) {
            // The account's events exist from an earlier start whose projection was lost; only the hash is set.
        }
        users.setPasswordHash("admin", encoder.encode(password));
        if (generated) {
            // Printed once, to the console of whoever started Souhra; it is not stored anywhere in clear.
            log.warn("\n\n  First start: user 'admin' was created with the one-time password:  {}\n"
                    + "  Log in and change it (POST /api/admin/users/admin/password). It will not be shown again.\n", password);
        } else {
            log.info("First start: user 'admin' created with the password from SOUHRA_ADMIN_PASSWORD");
        }
    }

    static String randomPassword() {
        // 20 characters from 57 is about 116 bits; the alphabet leaves out look-alikes (0/O, 1/l/I).
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
