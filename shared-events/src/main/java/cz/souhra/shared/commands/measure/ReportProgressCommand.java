package cz.souhra.shared.commands.measure;

import java.time.LocalDate;

import cz.souhra.shared.ids.MeasureId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ReportProgressCommand(
        @TargetAggregateIdentifier MeasureId measureId,
        int percent,
        String note,
        LocalDate effectiveOn,
        @TargetAggregateVersion Long expectedVersion) {
}
