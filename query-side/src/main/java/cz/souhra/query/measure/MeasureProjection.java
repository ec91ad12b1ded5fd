package cz.souhra.query.measure;

import cz.souhra.shared.events.measure.MeasureEvent;
import cz.souhra.query.common.FoldsEventsOf;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.LiveProjection;
import cz.souhra.query.common.ReadModels;
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
@FoldsEventsOf(MeasureEvent.class)
@Component
@ProcessingGroup(MeasureProjection.GROUP)
public class MeasureProjection extends LiveProjection {

    public static final String GROUP = "measures";
    public static final String STATUS = "measure_status";

    private final QueryUpdateEmitter emitter;

    public MeasureProjection(MongoTemplate mongo, QueryUpdateEmitter emitter) {
        super(new ReadModels(mongo), GROUP, STATUS);
        this.emitter = emitter;
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

    @Override
    protected void changed(List<Write> writes) {
        for (Write w : writes) {
            MeasureView after = Views.fromDocument(w.document(), MeasureView.class);
            emitter.emit(MeasureQueries.MeasureUpdates.class, q -> q.measureId().equals(after.measureId()), after);
            emitter.emit(DashboardQueries.DashboardUpdates.class, q -> true, after);
        }
    }
}
