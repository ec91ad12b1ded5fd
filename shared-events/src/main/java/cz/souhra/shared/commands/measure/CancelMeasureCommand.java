package cz.souhra.shared.commands.measure;

import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.ResolutionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record CancelMeasureCommand(
        @TargetAggregateIdentifier MeasureId measureId,
        MeetingId meetingId,
        ResolutionId resolutionId,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
