package cz.souhra.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.Scenario;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.HistoryQueries;

class HistoryProjectionTest {

    private final QueryFixture f = Scenario.loaded();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void every_event_of_any_type_is_kept_once_with_actor_institution_region_and_both_times() {
        Scenario.events().forEach(f::deliver);
        assertThat(f.collection(HistoryProjection.COLLECTION).countDocuments()).isEqualTo(Scenario.events().size());
        List<HistoryEntry> measure = f.historyQueries.subject(new HistoryQueries.SubjectHistory(Scenario.MEASURE.value()));
        assertThat(measure).extracting(HistoryEntry::type).containsExactly("MeasureAdopted", "ProgressReported", "MeasureBecameOverdue");
        HistoryEntry progress = measure.get(1);
        assertThat(progress.actor()).isEqualTo("uprace");
        assertThat(progress.institution()).isEqualTo("UPLB");
        assertThat(progress.region()).isEqualTo("LBK");
        assertThat(progress.recordedAt()).isEqualTo(Scenario.PROGRESS_AT);
        assertThat(progress.effectiveAt()).hasToString("2026-04-14T22:00:00Z");
        assertThat(progress.correlationId()).isNotBlank();
        assertThat(measure.get(0).meetingId()).isEqualTo(Scenario.MEETING.value());
        assertThat(measure.get(0).subjects()).contains(Scenario.MEASURE.value(), Scenario.MEETING.value(), Scenario.ISSUE.value(), Scenario.BODY.value(), "UPLB");
    }

    @Test
    void a_meetings_history_includes_the_measures_it_adopted() {
        assertThat(f.historyQueries.subject(new HistoryQueries.SubjectHistory(Scenario.MEETING.value()))).extracting(HistoryEntry::type)
                .containsExactly("MeetingScheduled", "AgendaItemAdded", "MeetingConvened", "ResolutionAdopted", "MeasureAdopted");
    }

    @Test
    void the_region_history_is_paged_in_recorded_order_and_filtered_by_time() {
        var page = f.historyQueries.region(new HistoryQueries.RegionHistory("LBK", Scenario.T0.plusSeconds(3), Scenario.ADOPTED_AT, 0, 100));
        assertThat(page.items()).isSortedAccordingTo(HistoryQueryHandler.RECORDED_ORDER);
        assertThat(page.items().get(0).recordedAt()).isEqualTo(Scenario.T0.plusSeconds(3));
        assertThat(page.items().get(page.items().size() - 1).type()).isEqualTo("MeasureAdopted");
    }
}
