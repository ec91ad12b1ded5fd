package cz.souhra.shared.commands.meeting;

import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Votes;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AdoptResolutionCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        ResolutionId resolutionId,
        AgendaItemId itemId,
        String number,
        String text,
        Votes votes,
        @TargetAggregateVersion Long expectedVersion) {
}
