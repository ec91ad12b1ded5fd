package cz.souhra.shared.events.user;

import org.axonframework.serialization.Revision;

/** A disabled account may log in again, with the rights it had. */
@Revision("1")
public record UserEnabledEvent(
        String user,
        String reason) implements UserAccountEvent {
}
