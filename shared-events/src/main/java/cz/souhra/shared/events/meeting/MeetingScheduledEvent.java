package cz.souhra.shared.events.meeting;

import java.time.Instant;
import java.util.List;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.QuorumRule;
import org.axonframework.serialization.Revision;

/** Members and quorum rule are those of the body when the meeting was scheduled. */
@Revision("1")
public record MeetingScheduledEvent(
        MeetingId meetingId,
        RegionCode region,
        BodyId bodyId,
        Instant startsAt,
        String place,
        List<InstitutionId> members,
        QuorumRule quorum) implements MeetingEvent {
}
