package cz.souhra.shared.commands.meeting;

import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts the unfinished items and open measures of an earlier meeting of the same body on this one. */
public record CarryOverCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        MeetingId fromMeetingId) {
}
