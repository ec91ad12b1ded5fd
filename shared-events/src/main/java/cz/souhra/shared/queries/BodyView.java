package cz.souhra.shared.queries;

import java.time.Instant;
import java.util.List;

/** A platform or working group with its current member institutions and secretaries. */
public record BodyView(String bodyId, String region, String kind, String name, String cadence, Integer quorumPercent, Boolean quorumStrictlyMore,
                       List<String> members, List<String> secretaries, boolean dissolved, String dissolvedReason, long version,
                       Instant lastRecordedAt) {}
