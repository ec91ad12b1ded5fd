package cz.souhra.query.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.Scenario;
import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.MemoryViews;
import cz.souhra.query.common.Views;
import cz.souhra.shared.events.measure.DeadlineExtendedEvent;
import cz.souhra.shared.events.measure.MeasureCompletedEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.model.Decision;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;

class MeasureProjectionTest {

    private final QueryFixture f = Scenario.loaded();

    @AfterEach
    void close() {
        f.close();
    }

    private MeasureView stored() {
        return Views.fromDocument(f.collection(MeasureProjection.STATUS).find(com.mongodb.client.model.Filters.eq("_id", Scenario.MEASURE.value())).first(),
                MeasureView.class);
    }

    private DomainEventMessage<?> measureEvent(long seq, Object payload, Instant at) {
        return QueryFixture.event("Measure", Scenario.MEASURE.value(), seq, payload, at, "uprace", "UPLB", null);
    }

    @Test
    void adoption_progress_and_overdue_give_the_status_owner_percent_and_flag() {
        MeasureView v = stored();
        assertThat(v.owner()).isEqualTo("UPLB");
        assertThat(v.bodyId()).isEqualTo(Scenario.BODY.value());
        assertThat(v.status()).isEqualTo("IN_PROGRESS");
        assertThat(v.percent()).isEqualTo(40);
        assertThat(v.overdue()).isTrue();
        assertThat(v.version()).isEqualTo(2);
        assertThat(v.lastRecordedAt()).isEqualTo(Scenario.OVERDUE_AT);
        assertThat(v.addresses()).containsExactly(Scenario.ISSUE.value());
    }

    @Test
    void a_deadline_extension_moves_the_due_date_and_clears_overdue() {
        Decision decision = new Decision(Scenario.MEETING, Scenario.RESOLUTION, Scenario.BODY, Scenario.T0);
        f.appendAndDeliver(measureEvent(3, new DeadlineExtendedEvent(Scenario.MEASURE, Scenario.R, LocalDate.parse("2026-09-30"),
                LocalDate.parse("2026-06-30"), "více ubytoven", decision), Scenario.OVERDUE_AT.plusSeconds(10)));
        assertThat(stored().dueDate()).isEqualTo(LocalDate.parse("2026-09-30"));
        assertThat(stored().overdue()).isFalse();
    }

    @Test
    void a_redelivered_older_event_changes_nothing() {
        MeasureView before = stored();
        f.deliver(measureEvent(1, new ProgressReportedEvent(Scenario.MEASURE, Scenario.R, 40, "Zmapováno 12 z 30", LocalDate.parse("2026-04-15")),
                Scenario.PROGRESS_AT));
        assertThat(stored()).isEqualTo(before);
        assertThat(f.measures.fold(f.readModels.live(), new ProgressReportedEvent(Scenario.MEASURE, Scenario.R, 99, "x", null),
                EventMeta.of(measureEvent(2, null, Scenario.T0)))).isEmpty();
    }

    @Test
    void the_fold_is_pure_the_same_events_in_memory_give_the_stored_document() {
        MemoryViews memory = new MemoryViews();
        Scenario.events().forEach(e -> memory.fold(f.measures, e.getPayload(), EventMeta.of(e)));
        assertThat(Views.sameContent(memory.get(MeasureProjection.STATUS, Scenario.MEASURE.value()),
                f.collection(MeasureProjection.STATUS).find(com.mongodb.client.model.Filters.eq("_id", Scenario.MEASURE.value())).first())).isTrue();
    }

    @Test
    void subscribers_of_the_measure_get_every_change() {
        var query = new GenericSubscriptionQueryMessage<>(new MeasureQueries.MeasureUpdates(Scenario.MEASURE.value()),
                ResponseTypes.instanceOf(MeasureView.class), ResponseTypes.instanceOf(MeasureView.class));
        List<MeasureView> seen = new CopyOnWriteArrayList<>();
        f.emitter.<MeasureView>registerUpdateHandler(query, 16).getUpdates().subscribe(u -> seen.add(u.getPayload()));
        f.appendAndDeliverLive(measureEvent(3, new MeasureCompletedEvent(Scenario.MEASURE, Scenario.R, "hotovo", LocalDate.parse("2026-07-20")),
                Scenario.OVERDUE_AT.plusSeconds(5)));
        assertThat(seen).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo("COMPLETED");
            assertThat(v.overdue()).isFalse();
        });
    }

    @Test
    void as_of_reads_only_the_measures_own_events_up_to_the_instant() {
        assertThat(f.measureQueries.find(new MeasureQueries.FindMeasure(Scenario.MEASURE.value(), Scenario.ADOPTED_AT)).status()).isEqualTo("ADOPTED");
        assertThat(f.measureQueries.all(Scenario.ADOPTED_AT)).extracting(MeasureView::measureId).containsExactly(Scenario.MEASURE.value());
    }
}
