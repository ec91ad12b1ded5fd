package cz.souhra.shared.events.institution;

import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.InstitutionKind;
import org.axonframework.serialization.Revision;

/** An institution became known to the region (member organisation of platforms and groups). */
@Revision("1")
public record InstitutionRegisteredEvent(
        InstitutionId institutionId,
        RegionCode region,
        InstitutionKind kind,
        String name) implements InstitutionEvent {
}
