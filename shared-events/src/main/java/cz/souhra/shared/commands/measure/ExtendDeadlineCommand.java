package cz.souhra.shared.commands.measure;

import java.time.LocalDate;

import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.ResolutionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ExtendDeadlineCommand(
        @TargetAggregateIdentifier MeasureId measureId,
        MeetingId meetingId,
        ResolutionId resolutionId,
        LocalDate dueDate,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
