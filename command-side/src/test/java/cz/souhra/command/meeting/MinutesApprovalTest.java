package cz.souhra.command.meeting;

import static cz.souhra.command.Actors.BODY;
import static cz.souhra.command.meeting.MeetingTest.AT;
import static cz.souhra.command.meeting.MeetingTest.ID;
import static cz.souhra.command.meeting.MeetingTest.KULK;
import static cz.souhra.command.meeting.MeetingTest.LBK;
import static cz.souhra.command.meeting.MeetingTest.OAMP;
import static cz.souhra.command.meeting.MeetingTest.UPLB;
import static cz.souhra.command.meeting.MeetingTest.convened;
import static cz.souhra.command.meeting.MeetingTest.scheduled;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cz.souhra.command.Actors;
import cz.souhra.command.common.DomainException;
import cz.souhra.shared.commands.meeting.ConfirmMinutesCommand;
import cz.souhra.shared.commands.meeting.CorrectMinutesDraftCommand;
import cz.souhra.shared.commands.meeting.EndMinutesVerificationPeriodCommand;
import cz.souhra.shared.commands.meeting.NoteMinutesObjectionCommand;
import cz.souhra.shared.commands.meeting.ObjectToMinutesCommand;
import cz.souhra.shared.commands.meeting.StartMinutesVerificationCommand;
import cz.souhra.shared.events.meeting.MeetingClosedEvent;
import cz.souhra.shared.events.meeting.MinutesApprovedEvent;
import cz.souhra.shared.events.meeting.MinutesConfirmedEvent;
import cz.souhra.shared.events.meeting.MinutesDraftCorrectedEvent;
import cz.souhra.shared.events.meeting.MinutesObjectionNotedEvent;
import cz.souhra.shared.events.meeting.MinutesObjectionRaisedEvent;
import cz.souhra.shared.events.meeting.MinutesRecordedEvent;
import cz.souhra.shared.events.meeting.MinutesVerificationStartedEvent;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.model.MinutesApprovalBasis;
import cz.souhra.shared.model.MinutesVerifier;

/** The approval of the minutes: verifiers named among those present, confirmations, objections, corrections and the period. */
class MinutesApprovalTest {

    static final Duration WEEK = Duration.ofDays(7);
    static final Instant CLOSED = AT.plusSeconds(7200);
    static final Instant SENT = Instant.parse("2026-03-12T08:00:00Z");
    static final Instant DEADLINE = SENT.plus(WEEK);
    static final String DRAFT = "Zápis: zmapováno 12 z 30 ubytoven.";
    static final String CORRECTED = "Zápis: zmapováno 13 z 30 ubytoven.";
    static final List<MinutesVerifier> VERIFIERS = List.of(new MinutesVerifier(KULK, "Nováková"), new MinutesVerifier(UPLB, "Dvořák"));

    AggregateTestFixture<Meeting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meeting.class);
    }

    static Object[] closedWithMinutes() {
        return new Object[] {scheduled(), convened(), new MinutesRecordedEvent(ID, LBK, DRAFT, "tajemnice"), new MeetingClosedEvent(ID, LBK, BodyId.of(BODY), CLOSED)};
    }

    static MinutesVerificationStartedEvent started() {
        return new MinutesVerificationStartedEvent(ID, LBK, 1, DRAFT, VERIFIERS, SENT, DEADLINE);
    }

    static Object[] inVerification(Object... more) {
        Object[] base = closedWithMinutes();
        Object[] all = java.util.Arrays.copyOf(base, base.length + 1 + more.length);
        all[base.length] = started();
        System.arraycopy(more, 0, all, base.length + 1, more.length);
        return all;
    }

    static MinutesObjectionRaisedEvent objectionOfUplb() {
        return new MinutesObjectionRaisedEvent(ID, LBK, 1, 1, UPLB, "clen-uplb", "Bylo zmapováno 13 ubytoven, ne 12.", SENT.plusSeconds(3600));
    }

    @Test
    void given_closed_meeting_with_minutes_when_secretary_names_two_present_verifiers_then_draft_1_goes_to_them_with_the_period_from_the_command() {
        fixture.given(closedWithMinutes())
                .when(new StartMinutesVerificationCommand(ID, List.of(KULK, UPLB), SENT, WEEK, null), Actors.secretary())
                .expectEvents(started());
    }

    @Test
    void given_excused_institution_when_named_verifier_then_refused_naming_the_field() {
        fixture.given(closedWithMinutes())
                .when(new StartMinutesVerificationCommand(ID, List.of(KULK, OAMP), SENT, WEEK, null), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Field \"verifiers[1]\": institution OAMP was not present at the meeting; verifiers are named among those present.")
                .expectNoEvents();
    }

    @Test
    void given_same_institution_twice_when_named_verifier_then_refused() {
        fixture.given(closedWithMinutes())
                .when(new StartMinutesVerificationCommand(ID, List.of(KULK, KULK), SENT, WEEK, null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Field \"verifiers[1]\": institution KULK is named twice.").expectNoEvents();
    }

    @Test
    void given_no_verifier_when_sent_then_refused_as_required() {
        fixture.given(closedWithMinutes())
                .when(new StartMinutesVerificationCommand(ID, List.of(), SENT, WEEK, null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Field \"verifiers\" is required.").expectNoEvents();
    }

    @Test
    void given_convened_meeting_not_closed_when_sent_to_verifiers_then_refused() {
        fixture.given(scheduled(), convened(), new MinutesRecordedEvent(ID, LBK, DRAFT, "tajemnice"))
                .when(new StartMinutesVerificationCommand(ID, List.of(KULK), SENT, WEEK, null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage(
                        "The minutes of meeting " + ID + " go to the verifiers once the meeting is closed.").expectNoEvents();
    }

    @Test
    void given_closed_meeting_without_minutes_when_sent_to_verifiers_then_refused() {
        fixture.given(scheduled(), convened(), new MeetingClosedEvent(ID, LBK, BodyId.of(BODY), CLOSED))
                .when(new StartMinutesVerificationCommand(ID, List.of(KULK), SENT, WEEK, null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Meeting " + ID + " has no minutes recorded; there is nothing to verify.")
                .expectNoEvents();
    }

    @Test
    void given_minutes_with_verifiers_when_sent_again_then_refused() {
        fixture.given(inVerification())
                .when(new StartMinutesVerificationCommand(ID, List.of(KULK), SENT, WEEK, null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("The minutes of meeting " + ID + " are already with the verifiers.")
                .expectNoEvents();
    }

    @Test
    void given_closed_meeting_when_a_member_sends_minutes_to_verifiers_then_forbidden() {
        fixture.given(closedWithMinutes())
                .when(new StartMinutesVerificationCommand(ID, List.of(KULK), SENT, WEEK, null), Actors.member("UPLB"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void given_draft_with_verifiers_when_one_confirms_then_confirmed_and_not_yet_final() {
        fixture.given(inVerification())
                .when(new ConfirmMinutesCommand(ID, 1, SENT.plusSeconds(60)), Actors.member("UPLB"))
                .expectEvents(new MinutesConfirmedEvent(ID, LBK, 1, UPLB, "clen-uplb", SENT.plusSeconds(60)));
    }

    @Test
    void given_one_confirmation_when_the_last_verifier_confirms_then_the_minutes_are_final_at_that_time() {
        Instant at = SENT.plusSeconds(7200);
        fixture.given(inVerification(new MinutesConfirmedEvent(ID, LBK, 1, UPLB, "clen-uplb", SENT.plusSeconds(60))))
                .when(new ConfirmMinutesCommand(ID, 1, at), Actors.member("KULK"))
                .expectEvents(new MinutesConfirmedEvent(ID, LBK, 1, KULK, "clen-kulk", at),
                        new MinutesApprovedEvent(ID, LBK, 1, DRAFT, MinutesApprovalBasis.ALL_CONFIRMED, at));
    }

    @Test
    void given_draft_when_an_institution_that_is_no_verifier_confirms_then_forbidden() {
        fixture.given(inVerification())
                .when(new ConfirmMinutesCommand(ID, 1, SENT.plusSeconds(60)), Actors.member("OAMP"))
                .expectException(DomainException.class)
                .expectExceptionMessage("Only a verifier of the minutes of meeting " + ID + " may confirm them or object to them.").expectNoEvents();
    }

    @Test
    void given_draft_when_an_auditor_confirms_then_forbidden_as_read_only() {
        fixture.given(inVerification())
                .when(new ConfirmMinutesCommand(ID, 1, SENT.plusSeconds(60)), Actors.auditor())
                .expectException(DomainException.class).expectExceptionMessage("Auditors may read the record, not change it.").expectNoEvents();
    }

    @Test
    void given_draft_when_a_verifier_confirms_at_the_end_of_the_period_then_refused() {
        fixture.given(inVerification())
                .when(new ConfirmMinutesCommand(ID, 1, DEADLINE), Actors.member("UPLB"))
                .expectException(DomainException.class).expectExceptionMessage("The period for verifying the minutes ended at " + DEADLINE + ".")
                .expectNoEvents();
    }

    @Test
    void given_confirmed_draft_when_the_verifier_confirms_again_or_objects_then_refused() {
        MinutesConfirmedEvent confirmed = new MinutesConfirmedEvent(ID, LBK, 1, UPLB, "clen-uplb", SENT.plusSeconds(60));
        fixture.given(inVerification(confirmed))
                .when(new ConfirmMinutesCommand(ID, 1, SENT.plusSeconds(120)), Actors.member("UPLB"))
                .expectException(DomainException.class).expectExceptionMessage("Your institution has already confirmed draft 1 of the minutes.")
                .expectNoEvents();
        fixture.given(inVerification(confirmed))
                .when(new ObjectToMinutesCommand(ID, 1, "Ještě jedna věc", SENT.plusSeconds(120)), Actors.member("UPLB"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void given_draft_when_a_verifier_objects_then_objection_1_to_draft_1_is_recorded_with_its_text() {
        fixture.given(inVerification())
                .when(new ObjectToMinutesCommand(ID, 1, "Bylo zmapováno 13 ubytoven, ne 12.", SENT.plusSeconds(3600)), Actors.member("UPLB"))
                .expectEvents(objectionOfUplb());
    }

    @Test
    void given_draft_when_a_verifier_objects_without_text_then_refused() {
        fixture.given(inVerification())
                .when(new ObjectToMinutesCommand(ID, 1, " ", SENT.plusSeconds(3600)), Actors.member("UPLB"))
                .expectException(DomainException.class).expectExceptionMessage("Field \"text\" is required.").expectNoEvents();
    }

    @Test
    void given_open_objection_when_the_objecting_verifier_confirms_then_refused_until_it_is_answered() {
        fixture.given(inVerification(objectionOfUplb()))
                .when(new ConfirmMinutesCommand(ID, 1, SENT.plusSeconds(7200)), Actors.member("UPLB"))
                .expectException(DomainException.class)
                .expectExceptionMessage("Your objection to draft 1 is still open; the secretary answers it first.").expectNoEvents();
    }

    @Test
    void given_open_objection_when_secretary_corrects_the_draft_then_draft_2_answers_it_with_a_new_period() {
        Instant at = SENT.plusSeconds(86_400);
        fixture.given(inVerification(objectionOfUplb()))
                .when(new CorrectMinutesDraftCommand(ID, CORRECTED, "Opraven počet ubytoven", at, WEEK, null), Actors.secretary())
                .expectEvents(new MinutesDraftCorrectedEvent(ID, LBK, 2, CORRECTED, List.of(1), "Opraven počet ubytoven", "tajemnice", at, at.plus(WEEK)));
    }

    @Test
    void given_a_correction_when_a_verifier_confirms_the_earlier_draft_then_refused_as_stale() {
        Instant at = SENT.plusSeconds(86_400);
        fixture.given(inVerification(objectionOfUplb(),
                        new MinutesDraftCorrectedEvent(ID, LBK, 2, CORRECTED, List.of(1), null, "tajemnice", at, at.plus(WEEK))))
                .when(new ConfirmMinutesCommand(ID, 1, at.plusSeconds(60)), Actors.member("KULK"))
                .expectException(DomainException.class)
                .expectExceptionMessage("Field \"version\": draft 1 is no longer the current one; read draft 2 first.").expectNoEvents();
    }

    @Test
    void given_confirmation_of_draft_1_and_a_correction_when_both_confirm_draft_2_then_final_with_the_corrected_text() {
        Instant corrected = SENT.plusSeconds(86_400);
        Instant at = corrected.plusSeconds(3600);
        fixture.given(inVerification(new MinutesConfirmedEvent(ID, LBK, 1, KULK, "clen-kulk", SENT.plusSeconds(60)), objectionOfUplb(),
                        new MinutesDraftCorrectedEvent(ID, LBK, 2, CORRECTED, List.of(1), null, "tajemnice", corrected, corrected.plus(WEEK)),
                        new MinutesConfirmedEvent(ID, LBK, 2, UPLB, "clen-uplb", corrected.plusSeconds(60))))
                .when(new ConfirmMinutesCommand(ID, 2, at), Actors.member("KULK"))
                .expectEvents(new MinutesConfirmedEvent(ID, LBK, 2, KULK, "clen-kulk", at),
                        new MinutesApprovedEvent(ID, LBK, 2, CORRECTED, MinutesApprovalBasis.ALL_CONFIRMED, at));
    }

    @Test
    void given_draft_when_corrected_to_the_same_text_then_refused() {
        fixture.given(inVerification(objectionOfUplb()))
                .when(new CorrectMinutesDraftCommand(ID, DRAFT, null, SENT.plusSeconds(600), WEEK, null), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Field \"text\": the text is the same as draft 1; change it, or note the objections instead.").expectNoEvents();
    }

    @Test
    void given_open_objection_when_secretary_notes_it_then_noted_and_the_objector_may_confirm() {
        Instant at = SENT.plusSeconds(7200);
        MinutesObjectionNotedEvent noted = new MinutesObjectionNotedEvent(ID, LBK, 1, "Počet vychází z podkladů úřadu práce.", "tajemnice", at);
        fixture.given(inVerification(objectionOfUplb()))
                .when(new NoteMinutesObjectionCommand(ID, 1, "Počet vychází z podkladů úřadu práce.", at), Actors.secretary())
                .expectEvents(noted);
        fixture.given(inVerification(objectionOfUplb(), noted))
                .when(new ConfirmMinutesCommand(ID, 1, at.plusSeconds(60)), Actors.member("UPLB"))
                .expectEvents(new MinutesConfirmedEvent(ID, LBK, 1, UPLB, "clen-uplb", at.plusSeconds(60)));
    }

    @Test
    void given_objections_when_secretary_notes_an_unknown_or_an_answered_one_then_refused() {
        Instant at = SENT.plusSeconds(7200);
        fixture.given(inVerification(objectionOfUplb()))
                .when(new NoteMinutesObjectionCommand(ID, 2, "Bez námitky", at), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Field \"objection\": the minutes have no objection 2.").expectNoEvents();
        fixture.given(inVerification(objectionOfUplb(), new MinutesObjectionNotedEvent(ID, LBK, 1, "Vzato na vědomí", "tajemnice", at)))
                .when(new NoteMinutesObjectionCommand(ID, 1, "Znovu", at.plusSeconds(1)), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Objection 1 has already been answered.").expectNoEvents();
    }

    @Test
    void given_open_objection_when_a_verifier_notes_it_then_forbidden() {
        fixture.given(inVerification(objectionOfUplb()))
                .when(new NoteMinutesObjectionCommand(ID, 1, "Ne", SENT.plusSeconds(7200)), Actors.member("UPLB"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void given_period_ended_without_objections_when_the_schedule_ends_it_then_final_at_the_deadline() {
        fixture.given(inVerification(new MinutesConfirmedEvent(ID, LBK, 1, UPLB, "clen-uplb", SENT.plusSeconds(60))))
                .when(new EndMinutesVerificationPeriodCommand(ID, DEADLINE.plusSeconds(900)))
                .expectEvents(new MinutesApprovedEvent(ID, LBK, 1, DRAFT, MinutesApprovalBasis.PERIOD_ENDED, DEADLINE));
    }

    @Test
    void given_period_running_when_the_schedule_runs_then_nothing_is_recorded() {
        fixture.given(inVerification())
                .when(new EndMinutesVerificationPeriodCommand(ID, DEADLINE.minusSeconds(1)))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void given_open_objection_when_the_period_ends_then_not_final_until_the_secretary_notes_it() {
        Instant late = DEADLINE.plusSeconds(3600);
        fixture.given(inVerification(objectionOfUplb()))
                .when(new EndMinutesVerificationPeriodCommand(ID, late))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(inVerification(objectionOfUplb()))
                .when(new NoteMinutesObjectionCommand(ID, 1, "Vzato na vědomí", late), Actors.secretary())
                .expectEvents(new MinutesObjectionNotedEvent(ID, LBK, 1, "Vzato na vědomí", "tajemnice", late),
                        new MinutesApprovedEvent(ID, LBK, 1, DRAFT, MinutesApprovalBasis.PERIOD_ENDED, late));
    }

    @Test
    void given_final_minutes_when_confirmed_objected_corrected_or_ended_again_then_refused_or_nothing() {
        Object[] given = inVerification(new MinutesApprovedEvent(ID, LBK, 1, DRAFT, MinutesApprovalBasis.PERIOD_ENDED, DEADLINE));
        String finalMessage = "The minutes of meeting " + ID + " are final; they can no longer be confirmed, objected to or corrected.";
        fixture.given(given).when(new ConfirmMinutesCommand(ID, 1, SENT.plusSeconds(60)), Actors.member("KULK"))
                .expectException(DomainException.class).expectExceptionMessage(finalMessage).expectNoEvents();
        fixture.given(given).when(new ObjectToMinutesCommand(ID, 1, "Pozdě", SENT.plusSeconds(60)), Actors.member("KULK"))
                .expectException(DomainException.class).expectExceptionMessage(finalMessage).expectNoEvents();
        fixture.given(given).when(new CorrectMinutesDraftCommand(ID, CORRECTED, null, SENT.plusSeconds(60), WEEK, null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage(finalMessage).expectNoEvents();
        fixture.given(given).when(new EndMinutesVerificationPeriodCommand(ID, DEADLINE.plusSeconds(7200))).expectNoEvents();
    }

    @Test
    void given_minutes_not_sent_when_a_member_confirms_then_refused() {
        fixture.given(closedWithMinutes())
                .when(new ConfirmMinutesCommand(ID, 1, SENT), Actors.member("KULK"))
                .expectException(DomainException.class).expectExceptionMessage("The minutes of meeting " + ID + " have not been sent to verifiers.")
                .expectNoEvents();
    }
}
