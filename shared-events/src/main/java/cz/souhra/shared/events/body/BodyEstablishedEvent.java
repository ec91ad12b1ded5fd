package cz.souhra.shared.events.body;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.QuorumRule;
import org.axonframework.serialization.Revision;

/**
 * A regional platform or a working group was established. Revision 2 states the cadence as meetings per year
 * ({@code null}: not stated) instead of revision 1's free text, which is read through an upcaster.
 */
@Revision("2")
public record BodyEstablishedEvent(
        BodyId bodyId,
        RegionCode region,
        BodyKind kind,
        String name,
        Integer meetingsPerYear,
        QuorumRule quorum) implements BodyEvent {
}
