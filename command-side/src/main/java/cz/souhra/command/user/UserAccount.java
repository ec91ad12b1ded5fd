package cz.souhra.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import cz.souhra.command.common.AggregateCache;
import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.Facts;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.user.ChangePasswordCommand;
import cz.souhra.shared.commands.user.DisableUserCommand;
import cz.souhra.shared.commands.user.EnableUserCommand;
import cz.souhra.shared.commands.user.GrantRoleCommand;
import cz.souhra.shared.commands.user.RegisterUserCommand;
import cz.souhra.shared.commands.user.ResetPasswordCommand;
import cz.souhra.shared.commands.user.RevokeRoleCommand;
import cz.souhra.shared.events.user.PasswordChangedEvent;
import cz.souhra.shared.events.user.PasswordResetEvent;
import cz.souhra.shared.events.user.RoleGrantedEvent;
import cz.souhra.shared.events.user.RoleRevokedEvent;
import cz.souhra.shared.events.user.UserDisabledEvent;
import cz.souhra.shared.events.user.UserEnabledEvent;
import cz.souhra.shared.events.user.UserRegisteredEvent;

/**
 * A user account as a record of who granted what to whom and when (the granting admin is in each event's
 * metadata, the time in its timestamp). Only administrators change accounts; the exceptions are the first
 * administrator, created by the system at first start, and a user changing their own password. An
 * administrator may reset a password (a one-time password the owner replaces at the next login) and
 * re-enable a disabled account; enabling one that is not disabled is refused, so the record never says
 * an account was enabled that could log in all along.
 */
@Aggregate(cache = AggregateCache.USER)
public class UserAccount {

    public static final String SYSTEM = Actor.SYSTEM;

    /** Names the metadata uses for non-persons; an account with one of them could pass as the system. */
    private static final Set<String> RESERVED = Set.of(SYSTEM, "anonymous", "scheduler");

    @AggregateIdentifier
    private String user;
    private final Set<String> grants = new HashSet<>();
    private String institution;
    private boolean disabled;

    protected UserAccount() {}

    @CommandHandler
    public UserAccount(RegisterUserCommand cmd, MetaData metaData) {
        requireAdminOrSystem(metaData);
        String name = Facts.requireText(cmd.user(), "user", 100);
        if (!name.matches("[A-Za-z0-9._@-]{2,100}") || RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            throw DomainException.invalid("INVALID_ID", name);
        }
        List<String> roles = cmd.roles() == null ? List.of() : cmd.roles();
        roles.forEach(UserAccount::requireRole);
        if (roles.contains(Actor.Role.MEMBER.name()) && (cmd.institution() == null || cmd.institution().isBlank())) {
            // A member acts for an institution; without one every right of the role would be empty.
            throw DomainException.invalid("REQUIRED", "institution");
        }
        String email = cmd.email() == null || cmd.email().isBlank() ? null : cmd.email().trim();
        if (email != null && (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw DomainException.invalid("INVALID_EMAIL", email);
        }
        apply(new UserRegisteredEvent(name, cmd.institution(), List.copyOf(roles), cmd.displayName(), email));
    }

    @CommandHandler
    void handle(GrantRoleCommand cmd, MetaData metaData) {
        requireAdminOrSystem(metaData);
        requireRole(cmd.role());
        requireBodyOnlyForSecretary(cmd.role(), cmd.bodyId());
        if (cmd.role().equals(Actor.Role.MEMBER.name()) && institution == null) {
            throw DomainException.invalid("REQUIRED", "institution");
        }
        if (!grants.contains(key(cmd.role(), cmd.bodyId()))) {
            apply(new RoleGrantedEvent(user, cmd.role(), cmd.bodyId()));
        }
    }

    @CommandHandler
    void handle(RevokeRoleCommand cmd, MetaData metaData) {
        requireAdminOrSystem(metaData);
        requireRole(cmd.role());
        requireBodyOnlyForSecretary(cmd.role(), cmd.bodyId());
        // A body's secretary may also have been appointed by the body itself (SecretaryAppointedEvent),
        // which this aggregate never sees; such a revocation must still be recordable.
        if (cmd.bodyId() == null && Actor.Role.SECRETARY.name().equals(cmd.role())) {
            // The whole role: each body's secretaryship goes with it, one event per body so the record names them.
            Set<String> bodies = new TreeSet<>(cmd.appointedBodies());
            grants.stream().filter(g -> g.startsWith(Actor.Role.SECRETARY.name() + "/") && !g.endsWith("/"))
                    .forEach(g -> bodies.add(g.substring(g.indexOf('/') + 1)));
            bodies.forEach(b -> apply(new RoleRevokedEvent(user, cmd.role(), b)));
        }
        if (grants.contains(key(cmd.role(), cmd.bodyId())) || cmd.bodyId() != null) {
            apply(new RoleRevokedEvent(user, cmd.role(), cmd.bodyId()));
        }
    }

    @CommandHandler
    void handle(ChangePasswordCommand cmd, MetaData metaData) {
        Actor actor = Facts.actor(metaData);
        if (!actor.user().equals(user)) {
            requireAdminOrSystem(metaData);
        }
        apply(new PasswordChangedEvent(user));
    }

    @CommandHandler
    void handle(ResetPasswordCommand cmd, MetaData metaData) {
        requireAdminOrSystem(metaData);
        apply(new PasswordResetEvent(user));
    }

    @CommandHandler
    void handle(EnableUserCommand cmd, MetaData metaData) {
        requireAdminOrSystem(metaData);
        if (!disabled) {
            throw DomainException.conflict("USER_NOT_DISABLED", user);
        }
        apply(new UserEnabledEvent(user, cmd.reason() == null || cmd.reason().isBlank() ? null : cmd.reason().strip()));
    }

    @CommandHandler
    void handle(DisableUserCommand cmd, MetaData metaData) {
        requireAdminOrSystem(metaData);
        if (!disabled) {
            apply(new UserDisabledEvent(user, cmd.reason()));
        }
    }

    private static void requireAdminOrSystem(MetaData metaData) {
        Actor actor = Facts.actor(metaData);
        if (!SYSTEM.equals(actor.user())) {
            Facts.requireAdmin(actor);
        }
    }

    private static void requireRole(String role) {
        try {
            Actor.Role.valueOf(role);
        } catch (RuntimeException e) {
            throw DomainException.invalid("INVALID_ID", role);
        }
    }

    private static void requireBodyOnlyForSecretary(String role, String bodyId) {
        if (bodyId != null && !Actor.Role.SECRETARY.name().equals(role)) {
            throw DomainException.invalid("INVALID_ID", bodyId);
        }
    }

    private static String key(String role, String bodyId) {
        return role + "/" + (bodyId == null ? "" : bodyId);
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent e) {
        user = e.user();
        institution = e.institution();
        e.roles().forEach(r -> grants.add(key(r, null)));
    }

    @EventSourcingHandler
    void on(RoleGrantedEvent e) {
        grants.add(key(e.role(), e.bodyId()));
    }

    @EventSourcingHandler
    void on(RoleRevokedEvent e) {
        grants.remove(key(e.role(), e.bodyId()));
    }

    @EventSourcingHandler
    void on(UserDisabledEvent e) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(UserEnabledEvent e) {
        disabled = false;
    }
}
