package cz.souhra.shared.queries;

import java.time.Instant;
import java.util.Map;

/**
 * One event in the history of an aggregate: what happened, who did it for which institution, at which
 * meeting, when it was recorded and when it was true in the world.
 */
public record HistoryEntry(String eventId, String aggregateId, long sequence, String type, Map<String, Object> details,
                           String actor, String institution, String meetingId, Instant recordedAt, Instant effectiveAt) {}
