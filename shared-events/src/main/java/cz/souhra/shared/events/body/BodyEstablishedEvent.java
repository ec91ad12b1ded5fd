package cz.souhra.shared.events.body;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.QuorumRule;
import org.axonframework.serialization.Revision;

/** A regional platform or a working group was established. */
@Revision("1")
public record BodyEstablishedEvent(
        BodyId bodyId,
        RegionCode region,
        BodyKind kind,
        String name,
        String cadence,
        QuorumRule quorum) implements BodyEvent {
}
