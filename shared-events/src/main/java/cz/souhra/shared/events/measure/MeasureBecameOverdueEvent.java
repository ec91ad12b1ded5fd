package cz.souhra.shared.events.measure;

import java.time.LocalDate;

import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record MeasureBecameOverdueEvent(
        MeasureId measureId,
        RegionCode region,
        LocalDate dueDate,
        LocalDate detectedOn) implements MeasureEvent {
}
