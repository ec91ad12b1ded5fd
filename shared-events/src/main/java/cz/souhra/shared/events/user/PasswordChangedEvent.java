package cz.souhra.shared.events.user;

import org.axonframework.serialization.Revision;

/** Only the fact; never the hash. */
@Revision("1")
public record PasswordChangedEvent(
        String user) implements UserAccountEvent {
}
