package cz.souhra.shared.commands.meeting;

import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record CorrectMeetingRecordCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        String what,
        String correction,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
