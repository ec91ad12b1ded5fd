package cz.souhra.shared.commands.meeting;

import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordLedgerCheckpointCommand(
        @TargetAggregateIdentifier MeetingId meetingId,
        long position,
        String digest) {
}
