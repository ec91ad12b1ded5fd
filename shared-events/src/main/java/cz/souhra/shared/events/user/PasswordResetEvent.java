package cz.souhra.shared.events.user;

import org.axonframework.serialization.Revision;

/** An administrator set a one-time password; its owner must change it at the next login. Only the fact; never the hash. */
@Revision("1")
public record PasswordResetEvent(
        String user) implements UserAccountEvent {
}
