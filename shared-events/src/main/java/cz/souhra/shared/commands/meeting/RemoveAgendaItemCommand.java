package cz.souhra.shared.commands.meeting;

import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RemoveAgendaItemCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        AgendaItemId itemId,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
