package cz.souhra.shared.events.user;

import org.axonframework.serialization.Revision;

@Revision("1")
public record UserDisabledEvent(
        String user,
        String reason) implements UserAccountEvent {
}
