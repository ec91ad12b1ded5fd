package cz.souhra.shared.commands.meeting;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.MeetingId;

/** The agenda in a new order: every item of the meeting, once each. */
public record ReorderAgendaCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        List<AgendaItemId> order,
        @TargetAggregateVersion Long expectedVersion) {
}
