package cz.souhra.shared.events.meeting;

import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AgendaItemRemovedEvent(
        MeetingId meetingId,
        RegionCode region,
        AgendaItemId itemId,
        String reason) implements MeetingEvent {
}
