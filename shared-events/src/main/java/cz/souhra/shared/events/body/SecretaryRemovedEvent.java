package cz.souhra.shared.events.body;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** The user no longer records this body's meetings. */
@Revision("1")
public record SecretaryRemovedEvent(
        BodyId bodyId,
        RegionCode region,
        String user) implements BodyEvent {
}
