package cz.souhra.shared.events.meeting;

import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record MeetingCancelledEvent(
        MeetingId meetingId,
        RegionCode region,
        String reason) implements MeetingEvent {
}
