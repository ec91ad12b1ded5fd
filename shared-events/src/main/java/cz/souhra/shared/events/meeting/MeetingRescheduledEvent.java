package cz.souhra.shared.events.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record MeetingRescheduledEvent(
        MeetingId meetingId,
        RegionCode region,
        Instant startsAt,
        String place,
        String reason) implements MeetingEvent {
}
