package cz.souhra.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cz.souhra.query.common.EventMeta;
import cz.souhra.shared.MetaKeys;
import cz.souhra.shared.events.issue.IssueRaisedEvent;
import cz.souhra.shared.events.issue.IssueResolvedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.IssueCategory;
import cz.souhra.shared.queries.Bitemporal;
import cz.souhra.shared.queries.IssueQueries;
import cz.souhra.shared.queries.IssueView;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;

/**
 * "What did the register know at T about what was true at D": the events recorded up to T whose effective
 * time is not after D, folded by the live projections' own folds.
 */
class BitemporalQueryTest {

    static final RegionCode LBK = RegionCode.of("LBK");
    static final MeasureId MEASURE = MeasureId.of("3a5e0000-0000-4000-8000-000000000001");
    static final IssueId ISSUE = IssueId.of("1550e000-0000-4000-8000-000000000001");
    static final Instant D = Instant.parse("2026-04-20T00:00:00Z");
    static final Instant LATE_RECORDED = Instant.parse("2026-05-05T10:00:00Z");

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    /** A measure with an on-time report, a later report and a late report effective before D; an issue resolved late. */
    static void lateReportHistory(QueryFixture f) {
        f.append(QueryFixture.event("Measure", MEASURE.value(), 0, new MeasureAdoptedEvent(MEASURE, LBK, BodyId.of("0b0d1e5a-0000-4000-8000-000000000001"),
                MeetingId.of("3ee70000-0000-4000-8000-000000000001"), ResolutionId.of("7e500000-0000-4000-8000-000000000001"), at("2026-03-10T09:00:00Z"),
                "Zmapovat ubytovny", null, InstitutionId.of("UPLB"), LocalDate.parse("2026-06-30"), List.of(ISSUE.value()).stream().map(IssueId::of).toList(),
                null), at("2026-03-10T11:00:00Z"), "tajemnice", "KULK", at("2026-03-10T09:00:00Z")));
        f.append(QueryFixture.event("Measure", MEASURE.value(), 1, new ProgressReportedEvent(MEASURE, LBK, 30, "10 z 30", LocalDate.parse("2026-04-01")),
                at("2026-04-01T12:00:00Z"), "clen", "UPLB", at("2026-03-31T22:00:00Z")));
        f.append(QueryFixture.event("Measure", MEASURE.value(), 2, new ProgressReportedEvent(MEASURE, LBK, 80, "24 z 30", LocalDate.parse("2026-04-25")),
                at("2026-04-25T12:00:00Z"), "clen", "UPLB", at("2026-04-24T22:00:00Z")));
        // Recorded on 5 May, about the state on 15 April: before D, but learnt after it.
        f.append(QueryFixture.event("Measure", MEASURE.value(), 3, new ProgressReportedEvent(MEASURE, LBK, 60, "18 z 30 (dodatečně)",
                LocalDate.parse("2026-04-15")), LATE_RECORDED, "clen", "UPLB", at("2026-04-14T22:00:00Z")));
        f.append(QueryFixture.event("Issue", ISSUE.value(), 0, new IssueRaisedEvent(ISSUE, LBK, IssueCategory.DORMITORY_TENSIONS, "Ubytovna", "popis",
                "Jablonec", InstitutionId.of("UPLB"), LocalDate.parse("2026-02-01"), null), at("2026-02-03T08:00:00Z"), "clen", "UPLB",
                at("2026-01-31T23:00:00Z")));
        f.append(QueryFixture.event("Issue", ISSUE.value(), 1, new IssueResolvedEvent(ISSUE, LBK, "ubytovna uzavřena", LocalDate.parse("2026-04-10")),
                LATE_RECORDED, "tajemnice", "KULK", at("2026-04-09T22:00:00Z")));
    }

    @Test
    void a_late_progress_report_is_visible_once_known_and_invisible_before_it_was_recorded() {
        try (QueryFixture f = new QueryFixture()) {
            lateReportHistory(f);
            MeasureView knownLater = f.measureQueries.find(new MeasureQueries.FindMeasureBitemporal(MEASURE.value(),
                    new Bitemporal(LATE_RECORDED.plusSeconds(86_400), D)));
            assertThat(knownLater.percent()).isEqualTo(60);
            assertThat(knownLater.lastNote()).isEqualTo("18 z 30 (dodatečně)");
            MeasureView knownBefore = f.measureQueries.find(new MeasureQueries.FindMeasureBitemporal(MEASURE.value(),
                    new Bitemporal(LATE_RECORDED.minusSeconds(1), D)));
            assertThat(knownBefore.percent()).isEqualTo(30);
            // The report effective after D never counts for D, whenever it is asked.
            assertThat(List.of(knownLater.percent(), knownBefore.percent())).doesNotContain(80);
            // Without an effective bound the answer is the recorded-time as-of.
            assertThat(f.measureQueries.find(new MeasureQueries.FindMeasureBitemporal(MEASURE.value(), new Bitemporal(LATE_RECORDED.minusSeconds(1), null))))
                    .isEqualTo(f.measureQueries.find(new MeasureQueries.FindMeasure(MEASURE.value(), LATE_RECORDED.minusSeconds(1))));
            var register = f.measureQueries.list(new MeasureQueries.ListMeasuresBitemporal(
                    new MeasureQueries.ListMeasures(null, null, "IN_PROGRESS", null, null, null, null, 0, 50, null), new Bitemporal(LATE_RECORDED, D)));
            assertThat(register.items()).extracting(MeasureView::percent).containsExactly(60);
        }
    }

    @Test
    void an_issue_resolved_late_is_resolved_at_D_only_for_a_register_that_already_knew_it() {
        try (QueryFixture f = new QueryFixture()) {
            lateReportHistory(f);
            IssueView known = f.issueQueries.find(new IssueQueries.FindIssueBitemporal(ISSUE.value(), new Bitemporal(LATE_RECORDED, D)));
            IssueView unknown = f.issueQueries.find(new IssueQueries.FindIssueBitemporal(ISSUE.value(), new Bitemporal(LATE_RECORDED.minusSeconds(1), D)));
            assertThat(known.status()).isEqualTo("RESOLVED");
            assertThat(unknown.status()).isEqualTo("OPEN");
            // Before it was observed, the issue was not yet true in the world.
            assertThat(f.issueQueries.list(new IssueQueries.ListIssuesBitemporal(new IssueQueries.ListIssues(null, null, null, null, null, null, null, null, 0, 50,
                    null), new Bitemporal(null, at("2026-01-15T00:00:00Z")))).total()).isZero();
            assertThat(f.issueQueries.list(new IssueQueries.ListIssuesBitemporal(new IssueQueries.ListIssues(null, null, "RESOLVED", null, null, null, null, null, 0,
                    50, null), new Bitemporal(null, D))).items()).extracting(IssueView::issueId).containsExactly(ISSUE.value());
        }
    }

    /** The history of the replay test with effective times spread before (late reports) and after (future facts) the recording. */
    static List<DomainEventMessage<?>> withEffectiveTimes(long seed) {
        Random r = new Random(seed);
        List<DomainEventMessage<?>> out = new ArrayList<>();
        for (DomainEventMessage<?> e : ProjectionReplayTest.history(seed)) {
            int shift = r.nextInt(4);
            Instant effective = switch (shift) {
                case 0 -> null;
                case 1 -> e.getTimestamp().minusSeconds(r.nextInt(86_400 * 20));
                case 2 -> e.getTimestamp().plusSeconds(r.nextInt(86_400 * 5));
                default -> e.getTimestamp();
            };
            var meta = effective == null ? e.getMetaData() : e.getMetaData().and(MetaKeys.EFFECTIVE_AT, effective.toString());
            out.add(new GenericDomainEventMessage<>(e.getType(), e.getAggregateIdentifier(), e.getSequenceNumber(), e.getPayload(), meta,
                    e.getIdentifier(), e.getTimestamp()));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void given_random_known_and_valid_times_then_the_answer_equals_a_replay_of_the_filtered_truncated_history(long seed) {
        List<DomainEventMessage<?>> events = withEffectiveTimes(seed);
        Random r = new Random(seed * 17);
        int compared = 0;
        int leftOutForValidity = 0;
        try (QueryFixture store = new QueryFixture()) {
            events.forEach(store::append);
            for (int i = 0; i < 6; i++) {
                Instant knownAt = events.get(r.nextInt(events.size())).getTimestamp();
                Instant validAt = events.get(r.nextInt(events.size())).getTimestamp().plusSeconds(r.nextInt(86_400 * 10) - 86_400 * 5);
                Bitemporal slice = new Bitemporal(knownAt, validAt);
                try (QueryFixture expected = new QueryFixture()) {
                    events.stream().filter(e -> {
                        EventMeta m = EventMeta.of(e);
                        return !m.recordedAt().isAfter(knownAt) && !m.effectiveOrRecorded().isAfter(validAt);
                    }).forEach(expected::deliver);
                    leftOutForValidity += (int) events.stream().map(EventMeta::of)
                            .filter(m -> !m.recordedAt().isAfter(knownAt) && m.effectiveOrRecorded().isAfter(validAt)).count();
                    List<MeasureView> measures = expected.measureQueries.all(null);
                    compared += measures.size();
                    for (MeasureView v : measures) {
                        assertThat(store.measureQueries.find(new MeasureQueries.FindMeasureBitemporal(v.measureId(), slice))).isEqualTo(v);
                    }
                    assertThat(store.measureQueries.list(new MeasureQueries.ListMeasuresBitemporal(
                            new MeasureQueries.ListMeasures(null, null, null, null, null, null, null, 0, 200, null), slice)).items())
                            .containsExactlyInAnyOrderElementsOf(measures);
                    List<IssueView> issues = expected.issueQueries.all(null);
                    assertThat(store.issueQueries.list(new IssueQueries.ListIssuesBitemporal(
                            new IssueQueries.ListIssues(null, null, null, null, null, null, null, null, 0, 200, null), slice)).items())
                            .containsExactlyInAnyOrderElementsOf(issues);
                    for (IssueView v : issues) {
                        assertThat(store.issueQueries.find(new IssueQueries.FindIssueBitemporal(v.issueId(), slice))).isEqualTo(v);
                    }
                }
            }
        }
        // The property is only worth something if slices held measures and the effective bound left facts out.
        assertThat(compared).isPositive();
        assertThat(leftOutForValidity).isPositive();
    }
}
