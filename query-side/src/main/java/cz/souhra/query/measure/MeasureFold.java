package cz.souhra.query.measure;

import java.util.List;

import cz.souhra.query.common.EventMeta;
import cz.souhra.shared.events.measure.CompletionVerifiedEvent;
import cz.souhra.shared.events.measure.DeadlineExtendedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureBecameOverdueEvent;
import cz.souhra.shared.events.measure.MeasureCancelledEvent;
import cz.souhra.shared.events.measure.MeasureCompletedEvent;
import cz.souhra.shared.events.measure.MeasureReassignedEvent;
import cz.souhra.shared.events.measure.MeasureSupersededEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.queries.MeasureView;

/**
 * The measure status as a pure function of its events. The live projection, the rebuild and the as-of
 * replay all call this one function, which is why they cannot disagree.
 */
public final class MeasureFold {

    private MeasureFold() {}

    public static boolean handles(Object event) {
        return event instanceof MeasureAdoptedEvent || event instanceof ProgressReportedEvent || event instanceof DeadlineExtendedEvent
                || event instanceof MeasureReassignedEvent || event instanceof MeasureCompletedEvent || event instanceof CompletionVerifiedEvent
                || event instanceof MeasureBecameOverdueEvent || event instanceof MeasureCancelledEvent || event instanceof MeasureSupersededEvent;
    }

    public static MeasureView apply(MeasureView v, Object event, EventMeta m) {
        if (event instanceof MeasureAdoptedEvent e) {
            return new MeasureView(e.measureId().value(), e.region().value(), e.bodyId().value(), e.meetingId().value(), e.resolutionId().value(),
                    e.title(), e.description(), e.owner().value(), e.dueDate(), "ADOPTED", 0, false, e.adoptedAt(), null,
                    e.addresses().stream().map(Object::toString).toList(), e.decisionBasis(), m.sequence(), m.recordedAt());
        }
        if (v == null) {
            return null;
        }
        if (event instanceof ProgressReportedEvent e) {
            return with(v, m, "IN_PROGRESS", e.percent(), v.overdue(), v.dueDate(), v.owner(), e.note());
        }
        if (event instanceof DeadlineExtendedEvent e) {
            return with(v, m, v.status(), v.percent(), false, e.dueDate(), v.owner(), e.reason());
        }
        if (event instanceof MeasureReassignedEvent e) {
            return with(v, m, v.status(), v.percent(), v.overdue(), v.dueDate(), e.owner().value(), e.reason());
        }
        if (event instanceof MeasureCompletedEvent e) {
            return with(v, m, "COMPLETED", 100, false, v.dueDate(), v.owner(), e.note());
        }
        if (event instanceof CompletionVerifiedEvent e) {
            return with(v, m, "VERIFIED", 100, false, v.dueDate(), v.owner(), e.note());
        }
        if (event instanceof MeasureBecameOverdueEvent) {
            return with(v, m, v.status(), v.percent(), true, v.dueDate(), v.owner(), v.lastNote());
        }
        if (event instanceof MeasureCancelledEvent e) {
            return with(v, m, "CANCELLED", v.percent(), false, v.dueDate(), v.owner(), e.reason());
        }
        if (event instanceof MeasureSupersededEvent e) {
            return with(v, m, "SUPERSEDED", v.percent(), false, v.dueDate(), v.owner(), e.reason());
        }
        return v;
    }

    private static MeasureView with(MeasureView v, EventMeta m, String status, int percent, boolean overdue, java.time.LocalDate due,
                                    String owner, String note) {
        return new MeasureView(v.measureId(), v.region(), v.bodyId(), v.meetingId(), v.resolutionId(), v.title(), v.description(), owner, due,
                status, percent, overdue, v.adoptedAt(), note, v.addresses() == null ? List.of() : v.addresses(), v.decisionBasis(), m.sequence(),
                m.recordedAt());
    }
}
