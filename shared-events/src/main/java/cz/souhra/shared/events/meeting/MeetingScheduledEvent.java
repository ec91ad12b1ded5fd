package cz.souhra.shared.events.meeting;

import java.time.Instant;
import java.util.List;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** Members are those of the body when scheduled; previousMeetingId is the body's meeting before this one, if any. */
@Revision("1")
public record MeetingScheduledEvent(
        MeetingId meetingId,
        RegionCode region,
        BodyId bodyId,
        Instant startsAt,
        String place,
        List<InstitutionId> members,
        MeetingId previousMeetingId) {
}
