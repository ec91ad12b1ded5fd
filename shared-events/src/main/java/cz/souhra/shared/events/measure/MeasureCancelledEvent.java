package cz.souhra.shared.events.measure;

import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.Decision;
import org.axonframework.serialization.Revision;

@Revision("1")
public record MeasureCancelledEvent(
        MeasureId measureId,
        RegionCode region,
        String reason,
        Decision decision) implements MeasureEvent {
}
