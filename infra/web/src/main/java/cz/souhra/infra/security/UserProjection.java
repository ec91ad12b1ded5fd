package cz.souhra.infra.security;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import cz.souhra.shared.events.body.SecretaryAppointedEvent;
import cz.souhra.shared.events.body.SecretaryRemovedEvent;
import cz.souhra.shared.events.user.PasswordChangedEvent;
import cz.souhra.shared.events.user.PasswordResetEvent;
import cz.souhra.shared.events.user.RoleGrantedEvent;
import cz.souhra.shared.events.user.RoleRevokedEvent;
import cz.souhra.shared.events.user.UserDisabledEvent;
import cz.souhra.shared.events.user.UserEnabledEvent;
import cz.souhra.shared.events.user.UserRegisteredEvent;

/**
 * Keeps the accounts' rights in step with the events, in the committing thread (a subscribing processor):
 * a granted right is usable at the next request. Every update is a set operation, so a redelivery changes
 * nothing. Appointing a body's secretary grants that user the right to record the body's meetings; removing them takes it away.
 */
@Component
@ProcessingGroup(UserProjection.GROUP)
class UserProjection {

    static final String GROUP = "users";

    private final UserStore users;

    UserProjection(UserStore users) {
        this.users = users;
    }

    @EventHandler
    void on(UserRegisteredEvent e) {
        users.registered(e.user(), e.institution(), e.roles(), e.displayName(), e.email());
    }

    @EventHandler
    void on(RoleGrantedEvent e) {
        users.granted(e.user(), e.role(), e.bodyId());
    }

    @EventHandler
    void on(RoleRevokedEvent e) {
        users.revoked(e.user(), e.role(), e.bodyId());
    }

    @EventHandler
    void on(UserDisabledEvent e) {
        users.disabled(e.user());
    }

    @EventHandler
    void on(UserEnabledEvent e) {
        users.enabled(e.user());
    }

    @EventHandler
    void on(PasswordResetEvent e) {
        users.mustChangePassword(e.user(), true);
    }

    @EventHandler
    void on(PasswordChangedEvent e) {
        users.mustChangePassword(e.user(), false);
    }

    @EventHandler
    void on(SecretaryAppointedEvent e) {
        users.granted(e.user(), "SECRETARY", e.bodyId().value());
    }

    @EventHandler
    void on(SecretaryRemovedEvent e) {
        users.revoked(e.user(), "SECRETARY", e.bodyId().value());
    }
}
