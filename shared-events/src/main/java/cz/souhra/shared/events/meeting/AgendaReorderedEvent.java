package cz.souhra.shared.events.meeting;

import java.util.List;

import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** The agenda's items in their new order (all of them, each once). */
@Revision("1")
public record AgendaReorderedEvent(
        MeetingId meetingId,
        RegionCode region,
        List<AgendaItemId> order) implements MeetingEvent {
}
