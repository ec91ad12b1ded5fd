package cz.souhra.shared.events.body;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** The user may record this body's meetings. */
@Revision("1")
public record SecretaryAppointedEvent(
        BodyId bodyId,
        RegionCode region,
        String user) implements BodyEvent {
}
