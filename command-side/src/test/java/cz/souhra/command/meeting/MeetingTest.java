package cz.souhra.command.meeting;

import static cz.souhra.command.Actors.BODY;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cz.souhra.command.Actors;
import cz.souhra.command.common.DomainException;
import cz.souhra.shared.commands.meeting.AddAgendaItemCommand;
import cz.souhra.shared.commands.meeting.AdoptMeasureCommand;
import cz.souhra.shared.commands.meeting.AdoptResolutionCommand;
import cz.souhra.shared.commands.meeting.CloseMeetingCommand;
import cz.souhra.shared.commands.meeting.ConveneMeetingCommand;
import cz.souhra.shared.commands.meeting.CorrectMeetingRecordCommand;
import cz.souhra.shared.commands.meeting.RecordLedgerCheckpointCommand;
import cz.souhra.shared.commands.meeting.RecordMinutesCommand;
import cz.souhra.shared.commands.meeting.ReorderAgendaCommand;
import cz.souhra.shared.events.meeting.AgendaItemAddedEvent;
import cz.souhra.shared.events.meeting.AgendaReorderedEvent;
import cz.souhra.shared.events.meeting.LedgerCheckpointRecordedEvent;
import cz.souhra.shared.events.meeting.MeetingClosedEvent;
import cz.souhra.shared.events.meeting.MeetingConvenedEvent;
import cz.souhra.shared.events.meeting.MeetingCorrectedEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
import cz.souhra.shared.events.meeting.ResolutionAdoptedEvent;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Attendance;
import cz.souhra.shared.model.AttendanceStatus;
import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.model.Votes;

class MeetingTest {

    static final MeetingId ID = MeetingId.of("3ee70000-0000-4000-8000-000000000001");
    static final RegionCode LBK = RegionCode.of("LBK");
    static final InstitutionId KULK = InstitutionId.of("KULK");
    static final InstitutionId UPLB = InstitutionId.of("UPLB");
    static final InstitutionId OAMP = InstitutionId.of("OAMP");
    static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");
    static final ResolutionId RES = ResolutionId.of("7e500000-0000-4000-8000-000000000001");
    static final AgendaItemId ITEM = AgendaItemId.of("a9e00000-0000-4000-8000-000000000001");

    AggregateTestFixture<Meeting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meeting.class);
    }

    static MeetingScheduledEvent scheduled() {
        return new MeetingScheduledEvent(ID, LBK, BodyId.of(BODY), AT, "KÚ Liberec", List.of(KULK, UPLB, OAMP), QuorumRule.MORE_THAN_HALF);
    }

    static MeetingConvenedEvent convened() {
        return new MeetingConvenedEvent(ID, LBK, AT, List.of(new Attendance(KULK, AttendanceStatus.DELEGATE, "Nováková", null),
                new Attendance(UPLB, AttendanceStatus.SUBSTITUTE, null, "Dvořák"), new Attendance(OAMP, AttendanceStatus.EXCUSED, null, null)), 2, 3, 2);
    }

    static ResolutionAdoptedEvent resolution() {
        return new ResolutionAdoptedEvent(ID, LBK, RES, null, "1/2026", "Ukládá se …", null);
    }

    @Test
    void given_scheduled_meeting_when_secretary_adds_agenda_item_then_added() {
        fixture.given(scheduled())
                .when(new AddAgendaItemCommand(ID, ITEM, "Situace v ubytovnách", UPLB, List.of(), null), Actors.secretary())
                .expectEvents(new AgendaItemAddedEvent(ID, LBK, ITEM, "Situace v ubytovnách", UPLB, List.of()));
    }

    @Test
    void given_scheduled_meeting_when_secretary_of_another_body_records_then_forbidden() {
        fixture.given(scheduled())
                .when(new AddAgendaItemCommand(ID, ITEM, "Bod", null, List.of(), null), Actors.otherSecretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void given_two_of_three_members_present_when_convened_then_quorum_met() {
        fixture.given(scheduled())
                .when(new ConveneMeetingCommand(ID, AT, convened().attendance(), null), Actors.secretary())
                .expectEvents(convened());
    }

    @Test
    void given_scheduled_meeting_when_convened_before_its_scheduled_start_then_refused_naming_convenedAt() {
        fixture.given(scheduled())
                .when(new ConveneMeetingCommand(ID, AT.minusSeconds(1), convened().attendance(), null), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Field \"convenedAt\": 2026-03-10T08:59:59Z is before the scheduled start (2026-03-10T09:00:00Z); "
                        + "reschedule the meeting first.")
                .expectNoEvents();
    }

    @Test
    void given_convened_meeting_when_closed_before_it_was_convened_then_refused() {
        fixture.given(scheduled(), convened())
                .when(new CloseMeetingCommand(ID, AT.minusSeconds(60), null), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Field \"closedAt\": 2026-03-10T08:59:00Z is before the meeting was convened (2026-03-10T09:00:00Z).")
                .expectNoEvents();
    }

    @Test
    void given_two_members_present_when_three_votes_are_recorded_then_refused_and_two_are_accepted() {
        fixture.given(scheduled(), convened())
                .when(new AdoptResolutionCommand(ID, RES, null, "1/2026", "Ukládá se …", new Votes(2, 1, 0), null), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Field \"votes\": 3 votes cast, but only 2 member institutions present have a vote.")
                .expectNoEvents();
        fixture.given(scheduled(), convened())
                .when(new AdoptResolutionCommand(ID, RES, null, "1/2026", "Ukládá se …", new Votes(1, 0, 1), null), Actors.secretary())
                .expectEvents(new ResolutionAdoptedEvent(ID, LBK, RES, null, "1/2026", "Ukládá se …", new Votes(1, 0, 1)));
    }

    @Test
    void given_convened_meeting_when_a_measure_is_due_before_the_meeting_then_refused_naming_dueDate() {
        fixture.given(scheduled(), convened(), resolution())
                .when(new AdoptMeasureCommand(ID, RES, MeasureId.random(), "Zmapovat", null, UPLB, LocalDate.parse("2020-01-01"), List.of(), null),
                        Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Field \"dueDate\": the due date 2020-01-01 is before the meeting that adopts the measure (2026-03-10).")
                .expectNoEvents();
    }

    @Test
    void given_one_of_three_members_present_when_convened_then_recorded_as_inquorate() {
        List<Attendance> sheet = List.of(new Attendance(KULK, AttendanceStatus.DELEGATE, "Nováková", null),
                new Attendance(UPLB, AttendanceStatus.ABSENT, null, null));
        fixture.given(scheduled())
                .when(new ConveneMeetingCommand(ID, AT, sheet, null), Actors.secretary())
                .expectEvents(new MeetingConvenedEvent(ID, LBK, AT, sheet, 1, 3, 2));
    }

    @Test
    void given_inquorate_meeting_when_minutes_recorded_then_recorded() {
        fixture.given(scheduled(), inquorate())
                .when(new RecordMinutesCommand(ID, "Jednání nebylo usnášeníschopné; informace o stavu ubytoven.", null), Actors.secretary())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void given_inquorate_meeting_when_closed_then_closed() {
        fixture.given(scheduled(), inquorate())
                .when(new CloseMeetingCommand(ID, AT.plusSeconds(3600), null), Actors.secretary())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void given_inquorate_meeting_when_resolution_adopted_then_refused_with_quorum_not_met() {
        fixture.given(scheduled(), inquorate())
                .when(new AdoptResolutionCommand(ID, RES, null, "1/2026", "Ukládá se …", null, null), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("No quorum: 1 of 3 members present, at least 2 needed. A meeting without quorum records attendance, "
                        + "discussion and minutes, but adopts no resolution and decides no measure.")
                .expectNoEvents();
    }

    static final AgendaItemId ITEM_2 = AgendaItemId.of("a9e00000-0000-4000-8000-000000000002");

    private static Object[] twoItems() {
        return new Object[] {scheduled(), new AgendaItemAddedEvent(ID, LBK, ITEM, "Ubytovny", null, List.of()),
                new AgendaItemAddedEvent(ID, LBK, ITEM_2, "Různé", null, List.of())};
    }

    @Test
    void given_two_items_when_reordered_then_the_new_order_is_recorded() {
        fixture.given(twoItems())
                .when(new ReorderAgendaCommand(ID, List.of(ITEM_2, ITEM), null), Actors.secretary())
                .expectEvents(new AgendaReorderedEvent(ID, LBK, List.of(ITEM_2, ITEM)));
    }

    @Test
    void given_two_items_when_reordered_to_the_same_order_then_nothing_is_recorded() {
        fixture.given(twoItems())
                .when(new ReorderAgendaCommand(ID, List.of(ITEM, ITEM_2), null), Actors.secretary())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void given_two_items_when_the_order_leaves_one_out_then_refused_naming_order() {
        fixture.given(twoItems())
                .when(new ReorderAgendaCommand(ID, List.of(ITEM_2), null), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Field \"order\" must list every agenda item of the meeting once: 1 given, the agenda has 2.")
                .expectNoEvents();
    }

    @Test
    void given_reordered_agenda_when_reordered_back_then_recorded_against_the_new_order() {
        fixture.given(twoItems()).andGiven(new AgendaReorderedEvent(ID, LBK, List.of(ITEM_2, ITEM)))
                .when(new ReorderAgendaCommand(ID, List.of(ITEM_2, ITEM), null), Actors.secretary())
                .expectNoEvents();
    }

    private static MeetingConvenedEvent inquorate() {
        return new MeetingConvenedEvent(ID, LBK, AT, List.of(new Attendance(KULK, AttendanceStatus.DELEGATE, "Nováková", null)), 1, 3, 2);
    }

    @Test
    void given_attendance_of_a_non_member_when_convened_then_refused() {
        fixture.given(scheduled())
                .when(new ConveneMeetingCommand(ID, AT, List.of(new Attendance(InstitutionId.of("KRPL"), AttendanceStatus.DELEGATE, "x", null)), null),
                        Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void given_meeting_not_convened_when_measure_adopted_then_refused_as_outside_meeting() {
        fixture.given(scheduled())
                .when(new AdoptMeasureCommand(ID, RES, MeasureId.random(), "Zmapovat", null, UPLB, LocalDate.parse("2026-06-30"), List.of(), null),
                        Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("A measure can only be adopted by a resolution of a convened meeting that is not yet closed.")
                .expectNoEvents();
    }

    @Test
    void given_closed_meeting_when_measure_adopted_then_refused() {
        fixture.given(scheduled(), convened(), resolution(), new MeetingClosedEvent(ID, LBK, BodyId.of(BODY), AT.plusSeconds(7200)))
                .when(new AdoptMeasureCommand(ID, RES, MeasureId.random(), "Zmapovat", null, UPLB, LocalDate.parse("2026-06-30"), List.of(), null),
                        Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void given_owner_not_member_when_measure_adopted_then_refused() {
        fixture.given(scheduled(), convened(), resolution())
                .when(new AdoptMeasureCommand(ID, RES, MeasureId.random(), "Zmapovat", null, InstitutionId.of("KRPL"), LocalDate.parse("2026-06-30"),
                        List.of(), null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("The owner KRPL must be a member of the body.").expectNoEvents();
    }

    @Test
    void given_unknown_resolution_when_measure_adopted_then_refused() {
        fixture.given(scheduled(), convened())
                .when(new AdoptMeasureCommand(ID, RES, MeasureId.random(), "Zmapovat", null, UPLB, LocalDate.parse("2026-06-30"), List.of(), null),
                        Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void given_convened_meeting_when_resolution_adopted_with_votes_then_recorded() {
        fixture.given(scheduled(), convened())
                .when(new AdoptResolutionCommand(ID, RES, null, "1/2026", "Ukládá se …", new cz.souhra.shared.model.Votes(2, 0, 0), null), Actors.secretary())
                .expectEvents(new ResolutionAdoptedEvent(ID, LBK, RES, null, "1/2026", "Ukládá se …", new cz.souhra.shared.model.Votes(2, 0, 0)));
    }

    @Test
    void given_closed_meeting_when_minutes_edited_then_refused_as_locked() {
        fixture.given(scheduled(), convened(), new MeetingClosedEvent(ID, LBK, BodyId.of(BODY), AT.plusSeconds(7200)))
                .when(new RecordMinutesCommand(ID, "přepis", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Meeting " + ID + " is closed; only corrections with a reason can be added.")
                .expectNoEvents();
    }

    @Test
    void given_closed_meeting_when_correction_with_reason_then_recorded_as_new_event() {
        fixture.given(scheduled(), convened(), new MeetingClosedEvent(ID, LBK, BodyId.of(BODY), AT.plusSeconds(7200)))
                .when(new CorrectMeetingRecordCommand(ID, "prezence", "Za OAMP byl přítomen p. Král", "chyba v prezenci", null), Actors.secretary())
                .expectEvents(new MeetingCorrectedEvent(ID, LBK, "prezence", "Za OAMP byl přítomen p. Král", "chyba v prezenci"));
    }

    @Test
    void given_convened_meeting_when_closed_then_closed_and_checkpoint_recorded_once() {
        fixture.given(scheduled(), convened())
                .when(new CloseMeetingCommand(ID, AT.plusSeconds(7200), null), Actors.secretary())
                .expectEvents(new MeetingClosedEvent(ID, LBK, BodyId.of(BODY), AT.plusSeconds(7200)));
        fixture.given(scheduled(), convened(), new MeetingClosedEvent(ID, LBK, BodyId.of(BODY), AT.plusSeconds(7200)),
                        new LedgerCheckpointRecordedEvent(ID, LBK, 17, "ab".repeat(32)))
                .when(new RecordLedgerCheckpointCommand(ID, 18, "cd".repeat(32)))
                .expectNoEvents();
    }
}
