package cz.souhra.shared.commands.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A verifier objects to the draft {@code version} it read; {@code at} is the server's clock. */
public record ObjectToMinutesCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        Integer version,
        String text,
        Instant at) {
}
