package cz.souhra.shared.events.meeting;

import java.time.Instant;

import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.MinutesApprovalBasis;
import org.axonframework.serialization.Revision;

/** The minutes are final: draft {@code version}'s {@code text}, on the {@code basis} stated, from {@code approvedAt}. */
@Revision("1")
public record MinutesApprovedEvent(
        MeetingId meetingId,
        RegionCode region,
        int version,
        String text,
        MinutesApprovalBasis basis,
        Instant approvedAt) implements MeetingEvent {
}
