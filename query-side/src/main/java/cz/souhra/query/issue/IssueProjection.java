package cz.souhra.query.issue;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.MongoViews;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.Projector;
import cz.souhra.query.common.ViewLookup;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;

/**
 * Writes {@code issue_register}. A measure adopted elsewhere lists itself on every issue it addresses;
 * that write is a set insertion, so it is idempotent without a sequence of its own.
 */
@Component
@ProcessingGroup(IssueProjection.GROUP)
public class IssueProjection implements Projector {

    public static final String GROUP = "issues";
    public static final String COLLECTION = "issue_register";

    private final MongoViews views;

    public IssueProjection(MongoTemplate mongo) {
        this.views = new ReadModels(mongo).live();
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
        if (event instanceof MeasureAdoptedEvent e) {
            for (var issue : e.addresses()) {
                changed(views.get(COLLECTION, issue.value()), event, m, out);
            }
        } else if (m.aggregateId() != null) {
            changed(views.get(COLLECTION, m.aggregateId()), event, m, out);
        }
        return out;
    }

    private static void changed(Document current, Object event, EventMeta m, List<Write> out) {
        Document next = IssueFold.apply(current, event, m);
        if (next != null && next != current && !next.equals(current)) {
            out.add(new Write(COLLECTION, next));
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
