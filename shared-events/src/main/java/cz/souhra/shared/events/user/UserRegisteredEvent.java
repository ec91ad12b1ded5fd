package cz.souhra.shared.events.user;

import java.util.List;

import org.axonframework.serialization.Revision;

/** An account was created; the password hash is kept outside the event stream on purpose. */
@Revision("1")
public record UserRegisteredEvent(
        String user,
        String institution,
        List<String> roles,
        String displayName) {
}
