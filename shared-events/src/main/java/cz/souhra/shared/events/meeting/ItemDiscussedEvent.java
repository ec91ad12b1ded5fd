package cz.souhra.shared.events.meeting;

import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ItemDiscussedEvent(
        MeetingId meetingId,
        RegionCode region,
        AgendaItemId itemId,
        String summary,
        boolean concluded) implements MeetingEvent {
}
