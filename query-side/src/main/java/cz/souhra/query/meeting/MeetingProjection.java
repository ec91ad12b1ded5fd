package cz.souhra.query.meeting;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.MongoViews;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.Projector;
import cz.souhra.query.common.ViewLookup;
import cz.souhra.query.common.Views;
import cz.souhra.shared.queries.MeetingQueries;
import cz.souhra.shared.queries.MeetingView;

/**
 * Writes {@code meeting_view}; each changed document is replaced whole, then pushed to subscribers.
 * An unchanged document is not written, so a redelivered event neither writes nor notifies.
 */
@Component
@ProcessingGroup(MeetingProjection.GROUP)
public class MeetingProjection implements Projector {

    public static final String GROUP = "meetings";
    public static final String COLLECTION = "meeting_view";

    private final MongoViews views;
    private final QueryUpdateEmitter emitter;

    public MeetingProjection(MongoTemplate mongo, QueryUpdateEmitter emitter) {
        this.views = new ReadModels(mongo).live();
        this.emitter = emitter;
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
    public List<Write> fold(ViewLookup views, Object event, EventMeta m) {
        List<Write> out = new ArrayList<>();
        MeetingFold.apply(id -> views.get(COLLECTION, id), event, m).forEach((id, doc) -> {
            Document current = views.get(COLLECTION, id);
            if (current == null || !Views.sameContent(current, doc)) {
                out.add(new Write(COLLECTION, doc));
            }
        });
        return out;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        for (Write w : views.fold(this, message.getPayload(), EventMeta.of(message))) {
            MeetingView view = Views.fromDocument(w.document(), MeetingView.class);
            emitter.emit(MeetingQueries.MeetingUpdates.class, q -> q.meetingId().equals(w.id()), view);
        }
    }

    @ResetHandler
    void reset() {
        collections().forEach(c -> views.clear(c));
    }
}
