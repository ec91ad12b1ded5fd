package cz.souhra.shared.queries;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event as the history shows it: what happened ({@code type}, {@code details} = the payload), who
 * did it for which institution, at which meeting, when it was recorded and when it was true in the
 * world. {@code subjects} are the ids it concerns (its aggregate and every measure, meeting, issue,
 * body or institution it names), which is how one entry belongs to several histories.
 */
public record HistoryEntry(String eventId, String aggregateId, String aggregateType, long sequence, String type, Map<String, Object> details,
                           String actor, String institution, String region, String meetingId, String correlationId, List<String> subjects,
                           Instant recordedAt, Instant effectiveAt) {}
