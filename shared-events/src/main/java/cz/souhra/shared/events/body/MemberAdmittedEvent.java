package cz.souhra.shared.events.body;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record MemberAdmittedEvent(
        BodyId bodyId,
        RegionCode region,
        InstitutionId institutionId) implements BodyEvent {
}
