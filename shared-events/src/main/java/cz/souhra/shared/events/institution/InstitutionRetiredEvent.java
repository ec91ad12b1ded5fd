package cz.souhra.shared.events.institution;

import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** The institution no longer takes part; its history stays. */
@Revision("1")
public record InstitutionRetiredEvent(
        InstitutionId institutionId,
        RegionCode region,
        String reason) implements InstitutionEvent {
}
