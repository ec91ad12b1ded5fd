package cz.souhra.shared.queries;

import java.util.List;

/**
 * The carry-over a meeting is offered: from {@code fromMeetingId} (null when the body has no earlier meeting
 * left to carry from), the agenda items left unconcluded there and the measures still open. Sent back as the
 * carry-over command, it carries exactly these.
 */
public record CarryOverProposal(String meetingId, String fromMeetingId, String fromStartsAt, List<Item> items, List<Measure> measures) {

    /** An unconcluded agenda item of the previous meeting. */
    public record Item(String itemId, String title, String presenter) {}

    /** A measure still open: adopted or followed up at the previous meeting and not verified, cancelled or superseded. */
    public record Measure(String measureId, String title, String owner, String status, String dueDate) {}
}
