package cz.souhra.shared.commands.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record CloseMeetingCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        Instant closedAt,
        @TargetAggregateVersion Long expectedVersion) {
}
