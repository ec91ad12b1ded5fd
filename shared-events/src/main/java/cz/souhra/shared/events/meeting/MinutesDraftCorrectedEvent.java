package cz.souhra.shared.events.meeting;

import java.time.Instant;
import java.util.List;

import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

/**
 * The secretary answered the open objections ({@code answers}) with a new draft {@code version}; earlier
 * confirmations were of another text, so every verifier answers again before the new {@code deadline}.
 */
@Revision("1")
public record MinutesDraftCorrectedEvent(
        MeetingId meetingId,
        RegionCode region,
        int version,
        String text,
        List<Integer> answers,
        String note,
        String correctedBy,
        Instant correctedAt,
        Instant deadline) implements MeetingEvent {
}
