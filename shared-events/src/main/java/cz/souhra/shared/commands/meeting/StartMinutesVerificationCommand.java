package cz.souhra.shared.commands.meeting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Sends the recorded minutes to the verifiers; {@code at} and {@code period} come from the server (its clock and configuration). */
public record StartMinutesVerificationCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        List<InstitutionId> verifiers,
        Instant at,
        Duration period,
        @TargetAggregateVersion Long expectedVersion) {
}
