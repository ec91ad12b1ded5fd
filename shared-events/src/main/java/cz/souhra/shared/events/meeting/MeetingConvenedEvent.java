package cz.souhra.shared.events.meeting;

import java.time.Instant;
import java.util.List;

import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.Attendance;
import org.axonframework.serialization.Revision;

/** Attendance taken and quorum met. */
@Revision("1")
public record MeetingConvenedEvent(
        MeetingId meetingId,
        RegionCode region,
        Instant convenedAt,
        List<Attendance> attendance,
        int present,
        int members,
        int required) implements MeetingEvent {
}
