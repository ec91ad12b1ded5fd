package cz.souhra.shared.events.user;

import org.axonframework.serialization.Revision;

@Revision("1")
public record RoleRevokedEvent(
        String user,
        String role,
        String bodyId) implements UserAccountEvent {
}
