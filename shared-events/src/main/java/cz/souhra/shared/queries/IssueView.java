package cz.souhra.shared.queries;

import java.time.Instant;
import java.util.List;

/** An entry of the issue register, with the agenda items it was linked to and the measures that address it. */
public record IssueView(String issueId, String region, String category, String title, String description, String locality, String raisedBy,
                        String observedOn, String raisedAt, String status, String resolution, String resolvedOn, String reopenReason,
                        List<Link> links, List<String> measures, Instant raisedRecordedAt, long version, Instant lastRecordedAt) {

    public record Link(String meetingId, String itemId) {}
}
