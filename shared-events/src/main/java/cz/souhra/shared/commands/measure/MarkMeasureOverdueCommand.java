package cz.souhra.shared.commands.measure;

import java.time.LocalDate;

import cz.souhra.shared.ids.MeasureId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the overdue schedule; the aggregate records the fact once, and only if really past due. */
public record MarkMeasureOverdueCommand(
        @TargetAggregateIdentifier MeasureId measureId,
        LocalDate today) {
}
