package cz.souhra.shared.commands.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A verifier confirms the draft {@code version} it read; {@code at} is the server's clock. */
public record ConfirmMinutesCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        Integer version,
        Instant at) {
}
