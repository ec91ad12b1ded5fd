package cz.souhra.shared.events.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/** A verifier confirmed draft {@code version} of the minutes, through the account {@code confirmedBy} of its institution. */
@Revision("1")
public record MinutesConfirmedEvent(
        MeetingId meetingId,
        RegionCode region,
        int version,
        InstitutionId verifier,
        String confirmedBy,
        Instant confirmedAt) implements MeetingEvent {
}
