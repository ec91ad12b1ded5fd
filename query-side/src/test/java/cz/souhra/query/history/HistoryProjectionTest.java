package cz.souhra.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.Scenario;
import cz.souhra.query.rebuild.HistorySubjectIndexMigration;
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
    void given_history_written_before_the_subject_index_when_the_migration_has_rebuilt_it_then_subject_histories_read_through_the_index_answer_the_same() {
        List<HistoryEntry> measureBefore = measureHistory(f.historyQueries);
        List<HistoryEntry> meetingBefore = f.historyQueries.subject(new HistoryQueries.SubjectHistory(Scenario.MEETING.value()));
        // a store from before the index: entries, no index, no mark
        f.collection(HistoryProjection.SUBJECTS).drop();
        f.collection(HistoryProjection.SUBJECT_DAYS).drop();
        f.collection(HistorySubjectIndex.MIGRATIONS).drop();
        HistorySubjectIndex index = new HistorySubjectIndex(f.readModels);
        HistoryQueryHandler queries = new HistoryQueryHandler(f.readModels, index);

        assertThat(index.needsRebuild()).isTrue();
        assertThat(measureHistory(queries)).isEqualTo(measureBefore); // scanned meanwhile

        assertThat(new HistorySubjectIndexMigration(index, f.rebuild).migrate()).isTrue();

        assertThat(index.complete()).isTrue();
        assertThat(new HistorySubjectIndex(f.readModels).needsRebuild()).isFalse();
        assertThat(f.collection(HistoryProjection.SUBJECTS).countDocuments()).isPositive();
        assertThat(measureHistory(queries)).isEqualTo(measureBefore);
        assertThat(queries.subject(new HistoryQueries.SubjectHistory(Scenario.MEETING.value()))).isEqualTo(meetingBefore);
    }

    @Test
    void given_an_entry_whose_index_documents_were_not_stored_when_its_event_is_delivered_again_then_the_index_is_completed() {
        List<HistoryEntry> before = measureHistory(f.historyQueries);
        f.collection(HistoryProjection.SUBJECT_DAYS).drop(); // as if the batch was stored only in part

        assertThat(measureHistory(f.historyQueries)).isEmpty();
        Scenario.events().forEach(f::deliver);

        assertThat(measureHistory(f.historyQueries)).isEqualTo(before);
    }

    @Test
    void given_a_subjects_entries_then_the_index_files_each_entry_under_its_day() {
        List<HistoryEntry> measure = measureHistory(f.historyQueries);
        org.bson.Document days = f.collection(HistoryProjection.SUBJECTS).find(com.mongodb.client.model.Filters.eq("_id", Scenario.MEASURE.value())).first();

        assertThat(HistoryProjection.keys(days)).containsExactlyElementsOf(measure.stream().map(e -> HistoryProjection.day(e.recordedAt())).distinct().sorted().toList());
        for (HistoryEntry e : measure) {
            org.bson.Document day = f.collection(HistoryProjection.SUBJECT_DAYS)
                    .find(com.mongodb.client.model.Filters.eq("_id", HistoryProjection.dayKey(Scenario.MEASURE.value(), HistoryProjection.day(e.recordedAt())))).first();
            assertThat(HistoryProjection.keys(day)).contains(e.eventId());
        }
    }

    @Test
    void given_ids_with_dots_dollars_or_percent_signs_when_used_as_index_field_names_then_they_are_escaped_and_read_back_unchanged() {
        for (String id : List.of("0f187855-c658-47d9-b1e8-3f212b017fd6", "a.b", "$set", "50%2E.$x%")) {
            String field = HistoryProjection.fieldName(id);
            assertThat(field).doesNotContain(".").doesNotStartWith("$");
            assertThat(HistoryProjection.keys(new org.bson.Document("_id", "s/2026-11-23").append(field, true))).containsExactly(id);
        }
    }

    private static List<HistoryEntry> measureHistory(HistoryQueryHandler queries) {
        return queries.subject(new HistoryQueries.SubjectHistory(Scenario.MEASURE.value()));
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
