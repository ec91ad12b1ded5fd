package cz.souhra.shared.events.institution;

import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record InstitutionRenamedEvent(
        InstitutionId institutionId,
        RegionCode region,
        String name,
        String previousName) implements InstitutionEvent {
}
