package cz.souhra.command.measure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import cz.souhra.shared.events.measure.CompletionVerifiedEvent;
import cz.souhra.shared.events.measure.DeadlineExtendedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureBecameOverdueEvent;
import cz.souhra.shared.events.measure.MeasureCancelledEvent;
import cz.souhra.shared.events.measure.MeasureCompletedEvent;
import cz.souhra.shared.events.measure.MeasureSupersededEvent;

/**
 * The persistent schedule of due dates the overdue check works from ({@code measure_deadlines}). It is
 * derived from the events, so it survives restarts and can be rebuilt; a document per measure, written
 * only by an event with a higher sequence than the one it holds (redelivery changes nothing).
 */
@Component
@ProcessingGroup("measure-deadlines")
public class MeasureDeadlines {

    static final String COLLECTION = "measure_deadlines";

    private final MongoCollection<Document> deadlines;

    public MeasureDeadlines(MongoTemplate mongo) {
        this.deadlines = mongo.getCollection(COLLECTION);
    }

    @EventHandler
    void on(MeasureAdoptedEvent e, @SequenceNumber long seq) {
        put(e.measureId().value(), seq, e.dueDate(), true, false);
    }

    @EventHandler
    void on(DeadlineExtendedEvent e, @SequenceNumber long seq) {
        update(e.measureId().value(), seq, d -> d.append("dueDate", e.dueDate().toString()).append("overdue", false));
    }

    @EventHandler
    void on(MeasureBecameOverdueEvent e, @SequenceNumber long seq) {
        update(e.measureId().value(), seq, d -> d.append("overdue", true));
    }

    @EventHandler
    void on(MeasureCompletedEvent e, @SequenceNumber long seq) {
        update(e.measureId().value(), seq, d -> d.append("open", false));
    }

    @EventHandler
    void on(CompletionVerifiedEvent e, @SequenceNumber long seq) {
        update(e.measureId().value(), seq, d -> d.append("open", false));
    }

    @EventHandler
    void on(MeasureCancelledEvent e, @SequenceNumber long seq) {
        update(e.measureId().value(), seq, d -> d.append("open", false));
    }

    @EventHandler
    void on(MeasureSupersededEvent e, @SequenceNumber long seq) {
        update(e.measureId().value(), seq, d -> d.append("open", false));
    }

    private void put(String id, long seq, LocalDate due, boolean open, boolean overdue) {
        Document current = deadlines.find(Filters.eq("_id", id)).first();
        if (current != null && current.get("seq", Number.class).longValue() >= seq) {
            return;
        }
        deadlines.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("seq", seq).append("dueDate", due.toString())
                .append("open", open).append("overdue", overdue), new ReplaceOptions().upsert(true));
    }

    private void update(String id, long seq, java.util.function.UnaryOperator<Document> change) {
        Document current = deadlines.find(Filters.eq("_id", id)).first();
        if (current == null || current.get("seq", Number.class).longValue() >= seq) {
            return;
        }
        Document next = change.apply(new Document(current)).append("seq", seq);
        deadlines.replaceOne(Filters.eq("_id", id), next);
    }

    /** Open measures whose due date lies before {@code today} and that are not yet recorded overdue. */
    public List<String> pastDue(LocalDate today) {
        List<String> out = new ArrayList<>();
        deadlines.find(Filters.and(Filters.eq("open", true), Filters.eq("overdue", false))).forEach(d -> {
            if (LocalDate.parse(d.getString("dueDate")).isBefore(today)) {
                out.add(d.getString("_id"));
            }
        });
        return out;
    }
}
