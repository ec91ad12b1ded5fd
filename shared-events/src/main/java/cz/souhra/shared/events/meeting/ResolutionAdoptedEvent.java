package cz.souhra.shared.events.meeting;

import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Votes;
import org.axonframework.serialization.Revision;

/** Usnesení; votes are null when adopted by consensus. */
@Revision("1")
public record ResolutionAdoptedEvent(
        MeetingId meetingId,
        RegionCode region,
        ResolutionId resolutionId,
        AgendaItemId itemId,
        String number,
        String text,
        Votes votes) implements MeetingEvent {
}
