package cz.souhra.shared.events.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** The secretary kept the draft as it is and noted the objection with an answer; the objection stays with the minutes. */
@Revision("1")
public record MinutesObjectionNotedEvent(
        MeetingId meetingId,
        RegionCode region,
        int objection,
        String note,
        String notedBy,
        Instant notedAt) implements MeetingEvent {
}
