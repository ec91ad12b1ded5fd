package cz.souhra.shared.queries;

import java.time.Instant;
import java.util.List;

/**
 * A platform or working group with its current member institutions and secretaries. {@code meetingsPerYear}
 * is how often it is meant to meet (null: not stated); {@code lastMeetingAt} when it last met (convened), and
 * {@code meetingOverdue} whether that is longer ago than the cadence allows on the day asked about (derived
 * when read, from the clock; never stored).
 */
public record BodyView(String bodyId, String region, String kind, String name, Integer meetingsPerYear, Integer quorumPercent, Boolean quorumStrictlyMore,
                       List<String> members, List<String> secretaries, boolean dissolved, String dissolvedReason, long version,
                       Instant lastRecordedAt, Instant establishedAt, Instant lastMeetingAt, boolean meetingOverdue) {

    /** The same body with what is derived when it is read. */
    public BodyView derived(Instant lastMeeting, boolean overdue) {
        return new BodyView(bodyId, region, kind, name, meetingsPerYear, quorumPercent, quorumStrictlyMore, members, secretaries, dissolved,
                dissolvedReason, version, lastRecordedAt, establishedAt, lastMeeting, overdue);
    }
}
