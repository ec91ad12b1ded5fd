package cz.souhra.shared.events.measure;

import java.time.LocalDate;

import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.Decision;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DeadlineExtendedEvent(
        MeasureId measureId,
        RegionCode region,
        LocalDate dueDate,
        LocalDate previousDueDate,
        String reason,
        Decision decision) implements MeasureEvent {
}
