package cz.souhra.shared.events.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** The record of the meeting is locked; only corrections with a reason follow. */
@Revision("1")
public record MeetingClosedEvent(
        MeetingId meetingId,
        RegionCode region,
        BodyId bodyId,
        Instant closedAt) implements MeetingEvent {
}
