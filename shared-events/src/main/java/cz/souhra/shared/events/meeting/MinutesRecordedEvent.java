package cz.souhra.shared.events.meeting;

import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record MinutesRecordedEvent(
        MeetingId meetingId,
        RegionCode region,
        String text,
        String recordedBy) implements MeetingEvent {
}
