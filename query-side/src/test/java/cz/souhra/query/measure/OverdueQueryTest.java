package cz.souhra.query.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureCompletedEvent;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.queries.DashboardQueries;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.Viewer;

/**
 * A measure is overdue in every answer from Prague midnight after its due date, and at once when it is
 * adopted with a date already past, without waiting for the schedule to record the fact; the read model
 * itself holds only what the events say, so it equals a rebuild whatever the clock.
 */
class OverdueQueryTest {

    static final RegionCode LBK = RegionCode.of(QueryFixture.REGION);
    static final MeasureId ID = MeasureId.of("0f0f0000-0000-4000-8000-0000000000aa");
    static final BodyId BODY = BodyId.of("0b0d0000-0000-4000-8000-0000000000aa");
    static final Viewer OWNER = new Viewer(false, "UPLB", java.util.Set.of(), java.util.Set.of(QueryFixture.REGION));

    final QueryFixture f = new QueryFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private void adopt(LocalDate due, Instant recordedAt) {
        f.appendAndDeliver(QueryFixture.event("Measure", ID.value(), 0, new MeasureAdoptedEvent(ID, LBK, BODY,
                MeetingId.of("0e0e0000-0000-4000-8000-0000000000aa"), ResolutionId.of("0c0c0000-0000-4000-8000-0000000000aa"), recordedAt,
                "Zmapovat ubytovny", null, InstitutionId.of("UPLB"), due, List.of(), "usnesení 1/2026"), recordedAt, "tajemnice", "KULK", recordedAt));
    }

    private MeasureView now() {
        return f.measureQueries.find(new MeasureQueries.FindMeasure(ID.value(), null));
    }

    private long listedOverdue() {
        return f.measureQueries.list(new MeasureQueries.ListMeasures(OWNER, null, null, true, null, null, null, 0, 50, null)).total();
    }

    private int dashboardOverdue() {
        return f.dashboards.dashboard(new DashboardQueries.Dashboard(OWNER, null)).myOverdue().size();
    }

    @Test
    void given_measure_due_30_june_when_asked_at_23_59_prague_then_not_overdue_and_at_00_01_prague_then_overdue_everywhere() {
        adopt(LocalDate.parse("2026-06-30"), Instant.parse("2026-03-10T10:00:00Z"));

        f.clock.set(Instant.parse("2026-06-30T21:59:00Z")); // 30 June 23:59 in Prague
        assertThat(now().overdue()).isFalse();
        assertThat(listedOverdue()).isZero();
        assertThat(dashboardOverdue()).isZero();

        f.clock.set(Instant.parse("2026-06-30T22:01:00Z")); // 1 July 00:01 in Prague, 30 June in UTC
        assertThat(now().overdue()).isTrue();
        assertThat(listedOverdue()).isEqualTo(1);
        assertThat(dashboardOverdue()).isEqualTo(1);
        assertThat(f.measureQueries.all(null)).extracting(MeasureView::overdue).containsExactly(true);
    }

    @Test
    void given_measure_adopted_with_a_due_date_already_past_then_it_is_overdue_in_the_query_at_once() {
        f.clock.set(Instant.parse("2026-07-09T08:00:00Z"));
        adopt(LocalDate.parse("2026-07-01"), Instant.parse("2026-07-09T07:59:00Z"));

        assertThat(now().overdue()).isTrue();
        assertThat(listedOverdue()).isEqualTo(1);
        assertThat(dashboardOverdue()).isEqualTo(1);
    }

    @Test
    void given_past_due_measure_then_as_of_answers_use_the_day_asked_about() {
        adopt(LocalDate.parse("2026-06-30"), Instant.parse("2026-03-10T10:00:00Z"));
        f.clock.set(Instant.parse("2026-08-01T08:00:00Z"));

        assertThat(f.measureQueries.find(new MeasureQueries.FindMeasure(ID.value(), Instant.parse("2026-06-30T21:59:00Z"))).overdue()).isFalse();
        assertThat(f.measureQueries.find(new MeasureQueries.FindMeasure(ID.value(), Instant.parse("2026-06-30T22:01:00Z"))).overdue()).isTrue();
    }

    @Test
    void given_past_due_measure_completed_then_it_is_not_overdue() {
        adopt(LocalDate.parse("2026-06-30"), Instant.parse("2026-03-10T10:00:00Z"));
        f.appendAndDeliver(QueryFixture.event("Measure", ID.value(), 1, new MeasureCompletedEvent(ID, LBK, "hotovo", LocalDate.parse("2026-07-05")),
                Instant.parse("2026-07-05T10:00:00Z"), "uprace", "UPLB", null));
        f.clock.set(Instant.parse("2026-08-01T08:00:00Z"));

        assertThat(now().overdue()).isFalse();
        assertThat(listedOverdue()).isZero();
    }

    @Test
    void given_the_clock_passes_the_due_date_then_the_stored_read_model_is_unchanged_and_equals_a_rebuild() {
        adopt(LocalDate.parse("2026-06-30"), Instant.parse("2026-03-10T10:00:00Z"));
        f.clock.set(Instant.parse("2026-06-30T21:59:00Z"));
        now();
        var before = f.snapshot();
        f.clock.set(Instant.parse("2026-06-30T22:01:00Z"));
        assertThat(now().overdue()).isTrue();

        assertThat(f.snapshot()).isEqualTo(before);
        try (QueryFixture rebuilt = new QueryFixture()) {
            f.appended.forEach(rebuilt::deliver);
            assertThat(rebuilt.snapshot()).isEqualTo(f.snapshot());
        }
    }
}
