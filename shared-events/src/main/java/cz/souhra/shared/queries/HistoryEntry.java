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
                           Instant recordedAt, Instant effectiveAt) {

    /** The institution shown for an entry recorded without one (the first start, an administrator acting for none). */
    public static final String SYSTEM = cz.souhra.shared.MetaKeys.SYSTEM_INSTITUTION;

    /**
     * The entry as every view shows it: an entry recorded without an institution is the system's, and one
     * without a stated effective time took effect when it was recorded (as {@link Bitemporal} reads it). The
     * history read model keeps what the event's metadata says, so it stays equal to a rebuild.
     */
    public HistoryEntry shown() {
        if (institution != null && effectiveAt != null) {
            return this;
        }
        return new HistoryEntry(eventId, aggregateId, aggregateType, sequence, type, details, actor, institution == null ? SYSTEM : institution,
                region, meetingId, correlationId, subjects, recordedAt, effectiveAt == null ? recordedAt : effectiveAt);
    }
}
