package cz.souhra.shared.events.measure;

import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.Decision;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CompletionVerifiedEvent(
        MeasureId measureId,
        RegionCode region,
        String note,
        Decision decision) implements MeasureEvent {
}
