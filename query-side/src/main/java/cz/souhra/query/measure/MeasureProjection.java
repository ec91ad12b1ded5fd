package cz.souhra.query.measure;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.BatchedViews;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.Projector;
import cz.souhra.query.common.ViewLookup;
import cz.souhra.query.common.Views;
import cz.souhra.shared.queries.DashboardQueries;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;

/**
 * Writes {@code measure_status}, one document per measure. It only moves forward in aggregate sequence,
 * so a redelivered event changes nothing. Every change is pushed to the measure's subscribers and to
 * dashboard subscribers.
 */
@Component
@ProcessingGroup(MeasureProjection.GROUP)
public class MeasureProjection implements Projector {

    public static final String GROUP = "measures";
    public static final String STATUS = "measure_status";

    private final BatchedViews views;
    private final QueryUpdateEmitter emitter;

    public MeasureProjection(MongoTemplate mongo, QueryUpdateEmitter emitter) {
        this.views = new BatchedViews(new ReadModels(mongo).live());
        this.emitter = emitter;
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(STATUS);
    }

    @Override
    public List<Write> fold(ViewLookup views, Object event, EventMeta meta) {
        if (!MeasureFold.handles(event)) {
            return List.of();
        }
        MeasureView before = Views.fromDocument(views.get(STATUS, meta.aggregateId()), MeasureView.class);
        if (before != null && before.version() >= meta.sequence()) {
            return List.of();
        }
        MeasureView after = MeasureFold.apply(before, event, meta);
        return after == null ? List.of() : List.of(new Write(STATUS, Views.toDocument(meta.aggregateId(), after)));
    }

    @Override
    public List<Read> reads(Object event, EventMeta meta) {
        return MeasureFold.handles(event) ? List.of(new Read(STATUS, meta.aggregateId())) : List.of();
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        for (Write w : views.fold(this, message.getPayload(), EventMeta.of(message))) {
            MeasureView after = Views.fromDocument(w.document(), MeasureView.class);
            emitter.emit(MeasureQueries.MeasureUpdates.class, q -> q.measureId().equals(after.measureId()), after);
            emitter.emit(DashboardQueries.DashboardUpdates.class, q -> true, after);
        }
    }

    @ResetHandler
    void reset() {
        collections().forEach(c -> views.clear(c));
    }
}
