package cz.souhra.shared.events.measure;

import java.time.LocalDate;

import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** The owner reports the measure done; a meeting verifies it. */
@Revision("1")
public record MeasureCompletedEvent(
        MeasureId measureId,
        RegionCode region,
        String note,
        LocalDate effectiveOn) implements MeasureEvent {
}
