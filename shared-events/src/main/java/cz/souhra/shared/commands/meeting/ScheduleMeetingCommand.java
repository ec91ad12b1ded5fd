package cz.souhra.shared.commands.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Handled outside the Meeting: the body's region and members are read from the Body first. */
public record ScheduleMeetingCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        BodyId bodyId,
        Instant startsAt,
        String place) {
}
