package cz.souhra.shared.commands.meeting;

import java.time.Duration;
import java.time.Instant;

import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The secretary answers the open objections with a new draft text; {@code at} and {@code period} come from the server. */
public record CorrectMinutesDraftCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        String text,
        String note,
        Instant at,
        Duration period,
        @TargetAggregateVersion Long expectedVersion) {
}
