package cz.souhra.shared.commands.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The secretary keeps the draft and notes objection number {@code objection} with an answer; {@code at} is the server's clock. */
public record NoteMinutesObjectionCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        Integer objection,
        String note,
        Instant at) {
}
