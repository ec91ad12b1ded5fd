package cz.souhra.shared.commands.meeting;

import java.util.List;

import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AddAgendaItemCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        AgendaItemId itemId,
        String title,
        InstitutionId presenter,
        List<IssueId> issues,
        @TargetAggregateVersion Long expectedVersion) {
}
