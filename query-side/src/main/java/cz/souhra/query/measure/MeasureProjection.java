package cz.souhra.query.measure;

import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.Views;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;

/**
 * Writes {@code measure_status} (one document per measure) and {@code measure_history} (one per event).
 * There are no transactions, so each write is idempotent on its own: the status only moves forward in
 * aggregate sequence, a history entry is keyed by its event id. Delivered twice, nothing changes.
 */
@Component
@ProcessingGroup(MeasureProjection.GROUP)
public class MeasureProjection {

    public static final String GROUP = "measures";
    public static final String STATUS = "measure_status";
    public static final String HISTORY = "measure_history";

    private final MongoCollection<Document> status;
    private final MongoCollection<Document> history;
    private final QueryUpdateEmitter emitter;

    public MeasureProjection(MongoTemplate mongo, QueryUpdateEmitter emitter) {
        this.status = mongo.getCollection(STATUS);
        this.history = mongo.getCollection(HISTORY);
        this.emitter = emitter;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        if (!MeasureFold.handles(event)) {
            return;
        }
        EventMeta meta = EventMeta.of(message);
        String id = meta.aggregateId();
        Document current = status.find(Filters.eq("_id", id)).first();
        MeasureView before = Views.fromDocument(current, MeasureView.class);
        if (before == null || before.version() < meta.sequence()) {
            MeasureView after = MeasureFold.apply(before, event, meta);
            if (after != null) {
                status.replaceOne(Filters.eq("_id", id), Views.toDocument(id, after), new ReplaceOptions().upsert(true));
                emitter.emit(MeasureQueries.MeasureUpdates.class, q -> q.measureId().equals(id), after);
            }
        }
        HistoryEntry entry = historyEntry(event, meta);
        history.replaceOne(Filters.eq("_id", meta.eventId()), Views.toDocument(meta.eventId(), entry), new ReplaceOptions().upsert(true));
    }

    static HistoryEntry historyEntry(Object event, EventMeta meta) {
        Map<String, Object> details = Views.toMap(event);
        Object meeting = details.get("meetingId");
        if (meeting == null && details.get("decision") instanceof Map<?, ?> decision) {
            meeting = decision.get("meetingId");
        }
        return new HistoryEntry(meta.eventId(), meta.aggregateId(), meta.sequence(), event.getClass().getSimpleName().replace("Event", ""),
                details, meta.actor(), meta.institution(), meeting == null ? null : meeting.toString(), meta.recordedAt(), meta.effectiveAt());
    }

    @ResetHandler
    void reset() {
        status.deleteMany(new Document());
        history.deleteMany(new Document());
    }
}
