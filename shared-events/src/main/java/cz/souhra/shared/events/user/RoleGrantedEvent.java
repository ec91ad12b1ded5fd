package cz.souhra.shared.events.user;

import org.axonframework.serialization.Revision;

/** bodyId is set for SECRETARY grants limited to one body. */
@Revision("1")
public record RoleGrantedEvent(
        String user,
        String role,
        String bodyId) implements UserAccountEvent {
}
