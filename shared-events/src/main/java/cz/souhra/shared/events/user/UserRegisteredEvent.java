package cz.souhra.shared.events.user;

import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * An account was created; the password hash is kept outside the event stream on purpose. Revision 2 added
 * the e-mail address reminders go to (revision 1 events are upcast with none).
 */
@Revision("2")
public record UserRegisteredEvent(
        String user,
        String institution,
        List<String> roles,
        String displayName,
        String email) implements UserAccountEvent {

    public UserRegisteredEvent(String user, String institution, List<String> roles, String displayName) {
        this(user, institution, roles, displayName, null);
    }
}
