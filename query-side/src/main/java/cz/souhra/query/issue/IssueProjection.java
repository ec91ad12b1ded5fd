package cz.souhra.query.issue;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import cz.souhra.query.common.EventMeta;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;

/** Writes {@code issue_register}; measures that address an issue are listed on it (idempotently). */
@Component
@ProcessingGroup("issues")
public class IssueProjection {

    public static final String COLLECTION = "issue_register";

    private final MongoCollection<Document> register;

    public IssueProjection(MongoTemplate mongo) {
        this.register = mongo.getCollection(COLLECTION);
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        EventMeta m = EventMeta.of(message);
        if (event instanceof MeasureAdoptedEvent e) {
            for (var issue : e.addresses()) {
                write(issue.value(), IssueFold.apply(register.find(Filters.eq("_id", issue.value())).first(), event, m));
            }
            return;
        }
        Document current = register.find(Filters.eq("_id", m.aggregateId())).first();
        Document next = IssueFold.apply(current, event, m);
        if (next != null && next != current && (current == null || !next.equals(current))) {
            write(m.aggregateId(), next);
        }
    }

    private void write(String id, Document d) {
        if (d != null) {
            register.replaceOne(Filters.eq("_id", id), d, new ReplaceOptions().upsert(true));
        }
    }

    @ResetHandler
    void reset() {
        register.deleteMany(new Document());
    }
}
