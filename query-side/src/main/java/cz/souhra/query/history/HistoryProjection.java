package cz.souhra.query.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.LiveProjection;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.ViewLookup;
import cz.souhra.query.common.Views;
import cz.souhra.shared.queries.HistoryEntry;

/**
 * Writes {@code event_history}: one document per event of any type, keyed by the event id, so it needs
 * no knowledge of the domain to stay complete when new event types appear, and redelivery writes the
 * same document again. The payload is kept as the event's JSON form.
 *
 * <p>And an index by subject, because the embedded store ignores non-unique indexes: a subject's history
 * filtered {@code event_history} on its {@code subjects} array and so decoded every entry (12 ms with 1k
 * stored events, 210 ms with 200k). {@value #SUBJECTS} has a document per subject whose field names are
 * the days it has entries on, {@value #SUBJECT_DAYS} one per subject and day whose field names are the ids
 * of those entries; a history is then a few reads by {@code _id}. Events of different aggregates, folded by
 * different segments at the same time, add to the same documents, so these are {@linkplain Write#merge
 * merges} (each field set on its own, nothing lost) with the values in the field names, which makes a
 * document independent of the order the events were folded in: a rebuild writes the same. A day bounds
 * what one document holds. The fold reads nothing: every write stores what a redelivery would store again,
 * so a batch that was stored only in part is completed when it is delivered again, and the live processor
 * spends no store reads on it (checking first cost two reads per subject and event).
 */
@Component
@ProcessingGroup(HistoryProjection.GROUP)
public class HistoryProjection extends LiveProjection {

    public static final String GROUP = "history";
    public static final String COLLECTION = "event_history";
    public static final String SUBJECTS = "event_history_subjects";
    public static final String SUBJECT_DAYS = "event_history_subject_days";

    /** Payload fields that name something else the event concerns. */
    private static final Set<String> REFERENCES = Set.of("measureId", "meetingId", "issueId", "bodyId", "institutionId", "fromMeetingId",
            "supersededBy", "owner", "previousOwner", "raisedAt", "raisedBy", "addresses", "issues", "presenter");


    public HistoryProjection(MongoTemplate mongo) {
        super(new ReadModels(mongo), GROUP, COLLECTION, SUBJECTS, SUBJECT_DAYS);
    }

    @Override
    public List<Write> fold(ViewLookup views, Object event, EventMeta meta) {
        if (meta.aggregateId() == null) {
            return List.of();
        }
        HistoryEntry entry = entry(event, meta);
        List<Write> writes = new ArrayList<>(1 + 2 * entry.subjects().size());
        writes.add(new Write(COLLECTION, Views.toDocument(meta.eventId(), entry)));
        String day = day(entry.recordedAt());
        for (String subject : entry.subjects()) {
            writes.add(Write.merge(SUBJECTS, new Document("_id", subject).append(day, true)));
            writes.add(Write.merge(SUBJECT_DAYS, new Document("_id", dayKey(subject, day)).append(fieldName(meta.eventId()), true)));
        }
        return writes;
    }

    /** The field names of an index document, i.e. the days of a subject or the entry ids of one of its days. */
    public static List<String> keys(Document index) {
        return index.keySet().stream().filter(k -> !k.equals("_id")).map(HistoryProjection::fromFieldName).sorted().toList();
    }

    /**
     * An id as a field name. Event ids are UUIDs, but an update would read a dot as a path and a leading
     * dollar as an operator, so those (and the escape itself) are escaped.
     */
    static String fieldName(String id) {
        return id.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String fromFieldName(String field) {
        return field.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }

    /** The UTC day an entry is filed under in the subject index. */
    public static String day(Instant recordedAt) {
        return LocalDate.ofInstant(recordedAt, ZoneOffset.UTC).toString();
    }

    /** Id of a subject's entries of one day (the day is the fixed-length tail, so ids never collide). */
    public static String dayKey(String subject, String day) {
        return subject + "/" + day;
    }

    public static HistoryEntry entry(Object event, EventMeta meta) {
        Map<String, Object> details = Views.toMap(event);
        Object meeting = details.get("meetingId");
        if (meeting == null && details.get("decision") instanceof Map<?, ?> decision) {
            meeting = decision.get("meetingId");
        }
        if (meeting == null) {
            meeting = details.get("raisedAt");
        }
        Set<String> subjects = new LinkedHashSet<>();
        subjects.add(meta.aggregateId());
        details.forEach((k, v) -> {
            if (REFERENCES.contains(k)) {
                collect(v, subjects);
            }
        });
        if (details.get("decision") instanceof Map<?, ?> decision) {
            collect(decision.get("meetingId"), subjects);
            collect(decision.get("bodyId"), subjects);
        }
        String region = meta.region() != null ? meta.region() : details.get("region") == null ? null : details.get("region").toString();
        return new HistoryEntry(meta.eventId(), meta.aggregateId(), meta.aggregateType(), meta.sequence(), event.getClass().getSimpleName().replace("Event", ""),
                details, meta.actor(), meta.institution(), region, meeting == null ? null : meeting.toString(), meta.correlationId(),
                new ArrayList<>(subjects), meta.recordedAt(), meta.effectiveAt());
    }

    private static void collect(Object v, Set<String> into) {
        if (v instanceof Collection<?> c) {
            c.forEach(x -> collect(x, into));
        } else if (v != null && !(v instanceof Map<?, ?>)) {
            into.add(v.toString());
        }
    }
}
