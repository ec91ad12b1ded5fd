package cz.souhra.command.measure;

import static cz.souhra.command.Actors.BODY;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cz.souhra.command.Actors;
import cz.souhra.command.common.DomainException;
import cz.souhra.shared.commands.measure.CompleteMeasureCommand;
import cz.souhra.shared.commands.measure.MarkMeasureOverdueCommand;
import cz.souhra.shared.commands.measure.ReportProgressCommand;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureBecameOverdueEvent;
import cz.souhra.shared.events.measure.MeasureCancelledEvent;
import cz.souhra.shared.events.measure.MeasureCompletedEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Decision;

class MeasureTest {

    static final MeasureId ID = MeasureId.of("3a5e0000-0000-4000-8000-000000000001");
    static final RegionCode LBK = RegionCode.of("LBK");
    static final InstitutionId UPLB = InstitutionId.of("UPLB");
    static final MeetingId MEETING = MeetingId.of("3ee70000-0000-4000-8000-000000000001");
    static final Instant HELD = Instant.parse("2026-03-10T09:00:00Z");

    AggregateTestFixture<Measure> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Measure.class);
    }

    static MeasureAdoptedEvent adopted() {
        return new MeasureAdoptedEvent(ID, LBK, BodyId.of(BODY), MEETING, ResolutionId.of("7e500000-0000-4000-8000-000000000001"), HELD,
                "Zmapovat ubytovny", null, UPLB, LocalDate.parse("2026-06-30"), List.of(), "Usnesení 1/2026");
    }

    @Test
    void given_adopted_measure_when_owner_reports_progress_then_progress_reported() {
        fixture.given(adopted())
                .when(new ReportProgressCommand(ID, 40, "12 z 30", LocalDate.parse("2026-04-15"), null), Actors.member("UPLB"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProgressReportedEvent(ID, LBK, 40, "12 z 30", LocalDate.parse("2026-04-15")));
    }

    @Test
    void given_adopted_measure_when_progress_is_dated_before_the_adopting_meeting_then_refused_naming_effectiveOn() {
        fixture.given(adopted())
                .when(new ReportProgressCommand(ID, 40, null, LocalDate.parse("2026-03-09"), null), Actors.member("UPLB"))
                .expectException(DomainException.class)
                .expectExceptionMessage("Field \"effectiveOn\": 2026-03-09 is before the measure was adopted (2026-03-10).")
                .expectNoEvents();
    }

    @Test
    void given_adopted_measure_when_progress_is_dated_on_the_day_of_adoption_then_accepted() {
        fixture.given(adopted())
                .when(new ReportProgressCommand(ID, 5, null, LocalDate.parse("2026-03-10"), null), Actors.member("UPLB"))
                .expectEvents(new ProgressReportedEvent(ID, LBK, 5, null, LocalDate.parse("2026-03-10")));
    }

    @Test
    void given_adopted_measure_when_completion_is_dated_before_adoption_then_refused() {
        fixture.given(adopted())
                .when(new CompleteMeasureCommand(ID, null, LocalDate.parse("2000-01-01"), null), Actors.member("UPLB"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void given_adopted_measure_when_the_bodys_secretary_reports_progress_then_accepted() {
        fixture.given(adopted())
                .when(new ReportProgressCommand(ID, 10, null, LocalDate.parse("2026-04-01"), null), Actors.secretary())
                .expectEvents(new ProgressReportedEvent(ID, LBK, 10, null, LocalDate.parse("2026-04-01")));
    }

    @Test
    void given_adopted_measure_when_non_owner_reports_progress_then_refused_as_forbidden_and_nothing_applied() {
        fixture.given(adopted())
                .when(new ReportProgressCommand(ID, 90, null, LocalDate.parse("2026-04-15"), null), Actors.member("KRPL"))
                .expectException(DomainException.class)
                .expectExceptionMessage("Only the owner (UPLB) or the body's secretary may report on measure " + ID + ".")
                .expectNoEvents();
    }

    @Test
    void given_adopted_measure_when_auditor_reports_then_read_only_refusal() {
        fixture.given(adopted())
                .when(new ReportProgressCommand(ID, 90, null, LocalDate.parse("2026-04-15"), null), Actors.auditor())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void given_percent_over_100_when_reported_then_invalid() {
        fixture.given(adopted())
                .when(new ReportProgressCommand(ID, 140, null, LocalDate.parse("2026-04-15"), null), Actors.member("UPLB"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void given_cancelled_measure_when_owner_reports_progress_then_refused() {
        fixture.given(adopted(), new MeasureCancelledEvent(ID, LBK, "obsolete", new Decision(MEETING, ResolutionId.of("7e500000-0000-4000-8000-000000000002"), BodyId.of(BODY), HELD.plusSeconds(86_400 * 90))))
                .when(new ReportProgressCommand(ID, 40, null, LocalDate.parse("2026-07-15"), null), Actors.member("UPLB"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void given_stale_expected_version_when_reporting_then_conflict() {
        fixture.given(adopted(), new ProgressReportedEvent(ID, LBK, 10, null, LocalDate.parse("2026-04-01")))
                .when(new ReportProgressCommand(ID, 40, null, LocalDate.parse("2026-04-15"), 0L), Actors.member("UPLB"))
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void given_due_date_passed_when_overdue_check_runs_then_overdue_recorded_once() {
        fixture.given(adopted())
                .when(new MarkMeasureOverdueCommand(ID, LocalDate.parse("2026-07-01")))
                .expectEvents(new MeasureBecameOverdueEvent(ID, LBK, LocalDate.parse("2026-06-30"), LocalDate.parse("2026-07-01")));
    }

    @Test
    void given_measure_recorded_overdue_days_late_then_the_fact_is_effective_at_prague_midnight_after_the_due_date() {
        MeasureBecameOverdueEvent expected = new MeasureBecameOverdueEvent(ID, LBK, LocalDate.parse("2026-06-30"), LocalDate.parse("2026-07-09"));
        fixture.given(adopted())
                .when(new MarkMeasureOverdueCommand(ID, LocalDate.parse("2026-07-09")))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        new org.hamcrest.TypeSafeMatcher<org.axonframework.eventhandling.EventMessage<?>>() {
                            @Override
                            protected boolean matchesSafely(org.axonframework.eventhandling.EventMessage<?> m) {
                                // 1 July 2026 00:00 in Prague (summer time) is 30 June 22:00 UTC
                                return expected.equals(m.getPayload())
                                        && "2026-06-30T22:00:00Z".equals(m.getMetaData().get(cz.souhra.shared.MetaKeys.EFFECTIVE_AT));
                            }

                            @Override
                            public void describeTo(org.hamcrest.Description d) {
                                d.appendText(expected + " effective at 2026-06-30T22:00:00Z");
                            }
                        },
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void given_due_date_not_passed_when_overdue_check_runs_then_nothing() {
        fixture.given(adopted())
                .when(new MarkMeasureOverdueCommand(ID, LocalDate.parse("2026-06-30")))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void given_completed_measure_when_overdue_check_runs_then_nothing() {
        fixture.given(adopted(), new MeasureCompletedEvent(ID, LBK, "hotovo", LocalDate.parse("2026-06-01")))
                .when(new MarkMeasureOverdueCommand(ID, LocalDate.parse("2026-07-01")))
                .expectNoEvents();
    }

    @Test
    void given_progress_when_owner_completes_then_completed() {
        fixture.given(adopted(), new ProgressReportedEvent(ID, LBK, 90, null, LocalDate.parse("2026-05-01")))
                .when(new CompleteMeasureCommand(ID, "hotovo", LocalDate.parse("2026-06-01"), null), Actors.member("UPLB"))
                .expectEvents(new MeasureCompletedEvent(ID, LBK, "hotovo", LocalDate.parse("2026-06-01")));
    }
}
