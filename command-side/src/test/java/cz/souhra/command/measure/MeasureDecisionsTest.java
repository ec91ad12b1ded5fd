package cz.souhra.command.measure;

import static cz.souhra.command.Actors.BODY;
import static cz.souhra.command.measure.MeasureTest.HELD;
import static cz.souhra.command.measure.MeasureTest.ID;
import static cz.souhra.command.measure.MeasureTest.LBK;
import static cz.souhra.command.measure.MeasureTest.MEETING;
import static cz.souhra.command.measure.MeasureTest.UPLB;
import static cz.souhra.command.measure.MeasureTest.adopted;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cz.souhra.command.Actors;
import cz.souhra.command.OtherAggregates;
import cz.souhra.command.common.DomainException;
import cz.souhra.command.meeting.Meeting;
import cz.souhra.command.meeting.MeetingsForTests;
import cz.souhra.shared.commands.measure.CancelMeasureCommand;
import cz.souhra.shared.commands.measure.ExtendDeadlineCommand;
import cz.souhra.shared.commands.measure.ReassignMeasureCommand;
import cz.souhra.shared.commands.measure.SupersedeMeasureCommand;
import cz.souhra.shared.commands.measure.VerifyCompletionCommand;
import cz.souhra.shared.events.measure.CompletionVerifiedEvent;
import cz.souhra.shared.events.measure.DeadlineExtendedEvent;
import cz.souhra.shared.events.measure.MeasureCancelledEvent;
import cz.souhra.shared.events.measure.MeasureCompletedEvent;
import cz.souhra.shared.events.measure.MeasureReassignedEvent;
import cz.souhra.shared.events.measure.MeasureSupersededEvent;
import cz.souhra.shared.events.meeting.MeetingClosedEvent;
import cz.souhra.shared.events.meeting.MeetingConvenedEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
import cz.souhra.shared.events.meeting.ResolutionAdoptedEvent;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Attendance;
import cz.souhra.shared.model.AttendanceStatus;
import cz.souhra.shared.model.Decision;
import cz.souhra.shared.model.QuorumRule;

/** Extend, reassign, verify, cancel and supersede: only by a resolution of a (later) convened meeting of the body. */
class MeasureDecisionsTest {

    static final BodyId BODY_ID = BodyId.of(BODY);
    static final BodyId OTHER_BODY = BodyId.of("0b0d1e5a-0000-4000-8000-000000000099");
    static final InstitutionId KULK = InstitutionId.of("KULK");
    static final ResolutionId ADOPTING_RES = ResolutionId.of("7e500000-0000-4000-8000-000000000001");
    static final MeetingId LATER = MeetingId.of("3ee70000-0000-4000-8000-000000000002");
    static final MeetingId CLOSED = MeetingId.of("3ee70000-0000-4000-8000-000000000003");
    static final MeetingId FOREIGN = MeetingId.of("3ee70000-0000-4000-8000-000000000004");
    static final ResolutionId RES = ResolutionId.of("7e500000-0000-4000-8000-000000000002");
    static final Instant LATER_AT = HELD.plusSeconds(86_400L * 91);
    static final Decision LATER_DECISION = new Decision(LATER, RES, BODY_ID, LATER_AT);
    static final MeasureId SUCCESSOR = MeasureId.of("3a5e0000-0000-4000-8000-000000000009");

    AggregateTestFixture<Measure> fixture;

    static Object[] sitting(MeetingId id, BodyId body, Instant at, boolean closed) {
        List<Attendance> all = List.of(new Attendance(KULK, AttendanceStatus.DELEGATE, "N", null), new Attendance(UPLB, AttendanceStatus.DELEGATE, "D", null));
        Object[] open = {new MeetingScheduledEvent(id, LBK, body, at, "KÚ", List.of(KULK, UPLB), QuorumRule.MORE_THAN_HALF),
                new MeetingConvenedEvent(id, LBK, at, all, 2, 2, 2),
                new ResolutionAdoptedEvent(id, LBK, id.equals(MEETING) ? ADOPTING_RES : RES, null, "2/2026", "Usnesení", null)};
        if (!closed) {
            return open;
        }
        return new Object[] {open[0], open[1], open[2], new MeetingClosedEvent(id, LBK, body, at.plusSeconds(7200))};
    }

    @BeforeEach
    void setUp() {
        OtherAggregates<Meeting> meetings = new OtherAggregates<>(Meeting.class)
                .given(MEETING.value(), sitting(MEETING, BODY_ID, HELD, false))
                .given(LATER.value(), sitting(LATER, BODY_ID, LATER_AT, false))
                .given(CLOSED.value(), sitting(CLOSED, BODY_ID, LATER_AT, true))
                .given(FOREIGN.value(), sitting(FOREIGN, OTHER_BODY, LATER_AT, false));
        fixture = new AggregateTestFixture<>(Measure.class);
        fixture.registerAnnotatedCommandHandler(new MeasureDecisions(fixture.getRepository(), MeetingsForTests.decisions(meetings.repository())));
    }

    @Test
    void a_later_meeting_extends_the_deadline_with_its_resolution_as_the_basis() {
        fixture.given(adopted())
                .when(new ExtendDeadlineCommand(ID, LATER, RES, LocalDate.parse("2026-09-30"), "čeká se na data ÚP", null), Actors.secretary())
                .expectEvents(new DeadlineExtendedEvent(ID, LBK, LocalDate.parse("2026-09-30"), LocalDate.parse("2026-06-30"), "čeká se na data ÚP",
                        LATER_DECISION));
    }

    @Test
    void the_adopting_meeting_itself_cannot_extend_the_deadline() {
        fixture.given(adopted())
                .when(new ExtendDeadlineCommand(ID, MEETING, ADOPTING_RES, LocalDate.parse("2026-09-30"), "hned", null), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Due date and owner change only by a resolution of a later meeting.").expectNoEvents();
    }

    @Test
    void an_extension_must_move_the_due_date_later() {
        fixture.given(adopted())
                .when(new ExtendDeadlineCommand(ID, LATER, RES, LocalDate.parse("2026-05-31"), "dříve", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("The new due date must be later than the current one (2026-06-30).")
                .expectNoEvents();
    }

    @Test
    void a_closed_meeting_decides_nothing_more() {
        fixture.given(adopted())
                .when(new ExtendDeadlineCommand(ID, CLOSED, RES, LocalDate.parse("2026-09-30"), "x", null), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Decisions are taken only at a convened meeting that is not closed (" + CLOSED + ").").expectNoEvents();
    }

    @Test
    void a_meeting_of_another_body_cannot_decide_on_the_measure() {
        fixture.given(adopted())
                .when(new CancelMeasureCommand(ID, FOREIGN, RES, "cizí", null), Actors.admin())
                .expectException(DomainException.class)
                .expectExceptionMessage("Only the body that adopted the measure (" + BODY_ID + ") decides on it.").expectNoEvents();
    }

    @Test
    void a_resolution_the_meeting_did_not_adopt_is_no_basis() {
        fixture.given(adopted())
                .when(new ExtendDeadlineCommand(ID, LATER, ADOPTING_RES, LocalDate.parse("2026-09-30"), "x", null), Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void only_the_bodys_secretary_changes_a_measure_by_decision() {
        fixture.given(adopted())
                .when(new ExtendDeadlineCommand(ID, LATER, RES, LocalDate.parse("2026-09-30"), "x", null), Actors.member("UPLB"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void an_unknown_meeting_is_not_found() {
        fixture.given(adopted())
                .when(new ExtendDeadlineCommand(ID, MeetingId.of("3ee70000-0000-4000-8000-0000000000ff"), RES, LocalDate.parse("2026-09-30"), "x", null),
                        Actors.secretary())
                .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void a_stale_version_is_a_conflict_even_with_a_valid_decision() {
        fixture.given(adopted(), new MeasureCompletedEvent(ID, LBK, null, LocalDate.parse("2026-05-01")))
                .when(new VerifyCompletionCommand(ID, LATER, RES, "ok", 0L), Actors.secretary())
                .expectException(ConflictingAggregateVersionException.class).expectNoEvents();
    }

    @Test
    void a_later_meeting_reassigns_the_measure_to_another_member() {
        fixture.given(adopted())
                .when(new ReassignMeasureCommand(ID, LATER, RES, KULK, "kompetence kraje", null), Actors.secretary())
                .expectEvents(new MeasureReassignedEvent(ID, LBK, KULK, UPLB, "kompetence kraje", LATER_DECISION));
    }

    @Test
    void reassigning_to_the_current_owner_or_to_a_non_member_is_refused() {
        fixture.given(adopted())
                .when(new ReassignMeasureCommand(ID, LATER, RES, UPLB, "x", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("The measure is already owned by UPLB.").expectNoEvents();
        fixture.given(adopted())
                .when(new ReassignMeasureCommand(ID, LATER, RES, InstitutionId.of("KRPL"), "x", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("The owner KRPL must be a member of the body.").expectNoEvents();
    }

    @Test
    void the_adopting_meeting_cannot_reassign() {
        fixture.given(adopted())
                .when(new ReassignMeasureCommand(ID, MEETING, ADOPTING_RES, KULK, "x", null), Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void a_completed_measure_is_verified_by_a_meeting() {
        fixture.given(adopted(), new MeasureCompletedEvent(ID, LBK, "hotovo", LocalDate.parse("2026-05-01")))
                .when(new VerifyCompletionCommand(ID, LATER, RES, "ověřeno", null), Actors.secretary())
                .expectEvents(new CompletionVerifiedEvent(ID, LBK, "ověřeno", LATER_DECISION));
    }

    @Test
    void a_measure_not_reported_completed_cannot_be_verified() {
        fixture.given(adopted())
                .when(new VerifyCompletionCommand(ID, LATER, RES, "?", null), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Only a measure its owner reported completed can be verified.").expectNoEvents();
    }

    @Test
    void a_meeting_cancels_a_measure_with_a_reason_and_then_nothing_more_is_decided() {
        fixture.given(adopted())
                .when(new CancelMeasureCommand(ID, LATER, RES, "pozbylo smyslu", null), Actors.secretary())
                .expectEvents(new MeasureCancelledEvent(ID, LBK, "pozbylo smyslu", LATER_DECISION));
        fixture.given(adopted(), new MeasureCancelledEvent(ID, LBK, "pozbylo smyslu", LATER_DECISION))
                .when(new ExtendDeadlineCommand(ID, LATER, RES, LocalDate.parse("2026-09-30"), "x", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Measure " + ID + " is already closed (CANCELLED).").expectNoEvents();
    }

    @Test
    void a_meeting_supersedes_a_measure_by_another_one() {
        fixture.given(adopted())
                .when(new SupersedeMeasureCommand(ID, LATER, RES, SUCCESSOR, "nahrazeno širším opatřením", null), Actors.secretary())
                .expectEvents(new MeasureSupersededEvent(ID, LBK, SUCCESSOR, "nahrazeno širším opatřením", LATER_DECISION));
    }

    @Test
    void a_measure_cannot_supersede_itself() {
        fixture.given(adopted())
                .when(new SupersedeMeasureCommand(ID, LATER, RES, ID, "x", null), Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }
}
