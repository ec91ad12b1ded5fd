package cz.souhra.shared.events.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** A verifier objected to draft {@code version}; objections are numbered from 1 within the meeting. */
@Revision("1")
public record MinutesObjectionRaisedEvent(
        MeetingId meetingId,
        RegionCode region,
        int objection,
        int version,
        InstitutionId verifier,
        String raisedBy,
        String text,
        Instant raisedAt) implements MeetingEvent {
}
