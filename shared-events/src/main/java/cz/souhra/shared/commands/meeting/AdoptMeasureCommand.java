package cz.souhra.shared.commands.meeting;

import java.time.LocalDate;
import java.util.List;

import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.ResolutionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AdoptMeasureCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        ResolutionId resolutionId,
        MeasureId measureId,
        String title,
        String description,
        InstitutionId owner,
        LocalDate dueDate,
        List<IssueId> addresses,
        String decisionBasis) {
}
