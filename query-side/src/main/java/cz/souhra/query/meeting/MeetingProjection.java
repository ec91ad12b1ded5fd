package cz.souhra.query.meeting;

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

/** Writes {@code meeting_view}; each changed document is replaced whole (idempotent), then pushed to subscribers. */
@Component
@ProcessingGroup("meetings")
public class MeetingProjection {

    public static final String COLLECTION = "meeting_view";

    /** Subscription query for the live meeting workspace. */
    public record MeetingUpdates(String meetingId) {}

    private final MongoCollection<Document> views;
    private final QueryUpdateEmitter emitter;

    public MeetingProjection(MongoTemplate mongo, QueryUpdateEmitter emitter) {
        this.views = mongo.getCollection(COLLECTION);
        this.emitter = emitter;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        Map<String, Document> changed = MeetingFold.apply(id -> views.find(Filters.eq("_id", id)).first(), event, EventMeta.of(message));
        changed.forEach((id, doc) -> {
            views.replaceOne(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true));
            emitter.emit(MeetingUpdates.class, q -> q.meetingId().equals(id), doc);
        });
    }

    @ResetHandler
    void reset() {
        views.deleteMany(new Document());
    }
}
