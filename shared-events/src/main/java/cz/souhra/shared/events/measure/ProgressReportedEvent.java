package cz.souhra.shared.events.measure;

import java.time.LocalDate;

import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** Zpráva o plnění by the owner institution. */
@Revision("1")
public record ProgressReportedEvent(
        MeasureId measureId,
        RegionCode region,
        int percent,
        String note,
        LocalDate effectiveOn) implements MeasureEvent {
}
