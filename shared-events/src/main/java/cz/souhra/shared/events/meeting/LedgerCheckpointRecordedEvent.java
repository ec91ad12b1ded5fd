package cz.souhra.shared.events.meeting;

import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** Ledger position and digest when the meeting closed; printed on the minutes. */
@Revision("1")
public record LedgerCheckpointRecordedEvent(
        MeetingId meetingId,
        RegionCode region,
        long position,
        String digest) implements MeetingEvent {
}
