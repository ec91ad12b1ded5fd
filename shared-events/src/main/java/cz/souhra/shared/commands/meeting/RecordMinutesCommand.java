package cz.souhra.shared.commands.meeting;

import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RecordMinutesCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        String text,
        @TargetAggregateVersion Long expectedVersion) {
}
