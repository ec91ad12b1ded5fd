package cz.souhra.shared.events.meeting;

import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** A correction of a closed meeting's record; the original stays visible. */
@Revision("1")
public record MeetingCorrectedEvent(
        MeetingId meetingId,
        RegionCode region,
        String what,
        String correction,
        String reason) implements MeetingEvent {
}
