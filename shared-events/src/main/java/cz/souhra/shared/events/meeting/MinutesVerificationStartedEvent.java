package cz.souhra.shared.events.meeting;

import java.time.Instant;
import java.util.List;

import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.MinutesVerifier;
import org.axonframework.serialization.Revision;

/** The secretary sent the draft minutes (version 1, its text as recorded) to the named verifiers, who answer before {@code deadline}. */
@Revision("1")
public record MinutesVerificationStartedEvent(
        MeetingId meetingId,
        RegionCode region,
        int version,
        String text,
        List<MinutesVerifier> verifiers,
        Instant startedAt,
        Instant deadline) implements MeetingEvent {
}
