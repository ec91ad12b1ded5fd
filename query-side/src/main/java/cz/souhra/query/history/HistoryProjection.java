package cz.souhra.query.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.BatchedViews;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.Projector;
import cz.souhra.query.common.ViewLookup;
import cz.souhra.query.common.Views;
import cz.souhra.shared.queries.HistoryEntry;

/**
 * Writes {@code event_history}: one document per event of any type, keyed by the event id, so it needs
 * no knowledge of the domain to stay complete when new event types appear, and redelivery rewrites
 * nothing. The payload is kept as the event's JSON form.
 */
@Component
@ProcessingGroup(HistoryProjection.GROUP)
public class HistoryProjection implements Projector {

    public static final String GROUP = "history";
    public static final String COLLECTION = "event_history";

    /** Payload fields that name something else the event concerns. */
    private static final Set<String> REFERENCES = Set.of("measureId", "meetingId", "issueId", "bodyId", "institutionId", "fromMeetingId",
            "supersededBy", "owner", "previousOwner", "raisedAt", "raisedBy", "addresses", "issues", "presenter");

    private final BatchedViews views;

    public HistoryProjection(MongoTemplate mongo) {
        this.views = new BatchedViews(new ReadModels(mongo).live());
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    @Override
    public List<Write> fold(ViewLookup views, Object event, EventMeta meta) {
        if (meta.aggregateId() == null || views.get(COLLECTION, meta.eventId()) != null) {
            return List.of();
        }
        return List.of(new Write(COLLECTION, Views.toDocument(meta.eventId(), entry(event, meta))));
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

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        views.fold(this, message.getPayload(), EventMeta.of(message));
    }

    @ResetHandler
    void reset() {
        collections().forEach(c -> views.clear(c));
    }
}
