package cz.souhra.shared.commands.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the minutes schedule: at {@code at}, a verification period that has ended without open objections makes the minutes final. */
public record EndMinutesVerificationPeriodCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        Instant at) {
}
