package cz.souhra.command.meeting;

import static cz.souhra.command.Actors.BODY;
import static cz.souhra.command.meeting.MeetingTest.AT;
import static cz.souhra.command.meeting.MeetingTest.ID;
import static cz.souhra.command.meeting.MeetingTest.ITEM;
import static cz.souhra.command.meeting.MeetingTest.KULK;
import static cz.souhra.command.meeting.MeetingTest.LBK;
import static cz.souhra.command.meeting.MeetingTest.OAMP;
import static cz.souhra.command.meeting.MeetingTest.RES;
import static cz.souhra.command.meeting.MeetingTest.UPLB;
import static cz.souhra.command.meeting.MeetingTest.convened;
import static cz.souhra.command.meeting.MeetingTest.resolution;
import static cz.souhra.command.meeting.MeetingTest.scheduled;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cz.souhra.command.Actors;
import cz.souhra.command.OtherAggregates;
import cz.souhra.command.body.Body;
import cz.souhra.command.common.DomainException;
import cz.souhra.command.measure.Measure;
import cz.souhra.shared.commands.meeting.AddAgendaItemCommand;
import cz.souhra.shared.commands.meeting.AdoptResolutionCommand;
import cz.souhra.shared.commands.meeting.CancelMeetingCommand;
import cz.souhra.shared.commands.meeting.CarryOverCommand;
import cz.souhra.shared.commands.meeting.CloseMeetingCommand;
import cz.souhra.shared.commands.meeting.ConveneMeetingCommand;
import cz.souhra.shared.commands.meeting.CorrectMeetingRecordCommand;
import cz.souhra.shared.commands.meeting.RecordDiscussionCommand;
import cz.souhra.shared.commands.meeting.RecordMinutesCommand;
import cz.souhra.shared.commands.meeting.RemoveAgendaItemCommand;
import cz.souhra.shared.commands.meeting.RescheduleMeetingCommand;
import cz.souhra.shared.commands.meeting.ScheduleMeetingCommand;
import cz.souhra.shared.events.body.BodyDissolvedEvent;
import cz.souhra.shared.events.body.BodyEstablishedEvent;
import cz.souhra.shared.events.body.MemberAdmittedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureCancelledEvent;
import cz.souhra.shared.events.meeting.AgendaItemAddedEvent;
import cz.souhra.shared.events.meeting.AgendaItemCarriedOverEvent;
import cz.souhra.shared.events.meeting.AgendaItemRemovedEvent;
import cz.souhra.shared.events.meeting.ItemDiscussedEvent;
import cz.souhra.shared.events.meeting.MeetingCancelledEvent;
import cz.souhra.shared.events.meeting.MeetingClosedEvent;
import cz.souhra.shared.events.meeting.MeetingRescheduledEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
import cz.souhra.shared.events.meeting.MinutesRecordedEvent;
import cz.souhra.shared.events.meeting.OpenMeasureCarriedOverEvent;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.Decision;
import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.model.Votes;

/** Scheduling, the agenda, carry-over, discussion, minutes, closing and corrections of one meeting. */
class MeetingLifecycleTest {

    static final BodyId BODY_ID = BodyId.of(BODY);
    static final BodyId EMPTY_BODY = BodyId.of("0b0d1e5a-0000-4000-8000-000000000002");
    static final BodyId DISSOLVED_BODY = BodyId.of("0b0d1e5a-0000-4000-8000-000000000003");
    static final MeetingId EARLIER = MeetingId.of("3ee70000-0000-4000-8000-0000000000e1");
    static final MeetingId LATER = MeetingId.of("3ee70000-0000-4000-8000-0000000000f1");
    static final MeetingId FOREIGN = MeetingId.of("3ee70000-0000-4000-8000-0000000000a1");
    static final AgendaItemId OPEN_ITEM = AgendaItemId.of("a9e00000-0000-4000-8000-0000000000e1");
    static final AgendaItemId DONE_ITEM = AgendaItemId.of("a9e00000-0000-4000-8000-0000000000e2");
    static final IssueId ISSUE = IssueId.of("1550e000-0000-4000-8000-000000000001");
    static final MeasureId OPEN_MEASURE = MeasureId.of("3a5e0000-0000-4000-8000-000000000001");
    static final MeasureId CANCELLED_MEASURE = MeasureId.of("3a5e0000-0000-4000-8000-000000000002");
    static final Instant EARLIER_AT = AT.minusSeconds(86_400L * 90);

    AggregateTestFixture<Meeting> fixture;

    @BeforeEach
    void setUp() {
        OtherAggregates<Body> bodies = new OtherAggregates<>(Body.class)
                .given(BODY, new BodyEstablishedEvent(BODY_ID, LBK, BodyKind.PLATFORM, "Platforma", 2, QuorumRule.MORE_THAN_HALF),
                        new MemberAdmittedEvent(BODY_ID, LBK, KULK), new MemberAdmittedEvent(BODY_ID, LBK, UPLB), new MemberAdmittedEvent(BODY_ID, LBK, OAMP))
                .given(EMPTY_BODY.value(), new BodyEstablishedEvent(EMPTY_BODY, LBK, BodyKind.WORKING_GROUP, "PS", 4, QuorumRule.MORE_THAN_HALF))
                .given(DISSOLVED_BODY.value(), new BodyEstablishedEvent(DISSOLVED_BODY, LBK, BodyKind.WORKING_GROUP, "PS", null, QuorumRule.MORE_THAN_HALF),
                        new MemberAdmittedEvent(DISSOLVED_BODY, LBK, KULK), new BodyDissolvedEvent(DISSOLVED_BODY, LBK, "zrušena"));
        OtherAggregates<Meeting> others = new OtherAggregates<>(Meeting.class)
                .given(EARLIER.value(), new MeetingScheduledEvent(EARLIER, LBK, BODY_ID, EARLIER_AT, "KÚ", List.of(KULK, UPLB, OAMP), QuorumRule.MORE_THAN_HALF),
                        new AgendaItemAddedEvent(EARLIER, LBK, OPEN_ITEM, "Ubytovny", UPLB, List.of(ISSUE)),
                        new AgendaItemAddedEvent(EARLIER, LBK, DONE_ITEM, "Zpráva", null, List.of()),
                        new ItemDiscussedEvent(EARLIER, LBK, DONE_ITEM, "projednáno", true))
                .given(LATER.value(), new MeetingScheduledEvent(LATER, LBK, BODY_ID, AT.plusSeconds(86_400L * 90), "KÚ", List.of(KULK), QuorumRule.MORE_THAN_HALF))
                .given(FOREIGN.value(), new MeetingScheduledEvent(FOREIGN, LBK, EMPTY_BODY, EARLIER_AT, "KÚ", List.of(KULK), QuorumRule.MORE_THAN_HALF));
        Decision adopting = new Decision(EARLIER, ResolutionId.of("7e500000-0000-4000-8000-0000000000e1"), BODY_ID, EARLIER_AT);
        OtherAggregates<Measure> measures = new OtherAggregates<>(Measure.class)
                .given(OPEN_MEASURE.value(), new MeasureAdoptedEvent(OPEN_MEASURE, LBK, BODY_ID, EARLIER, adopting.resolutionId(), EARLIER_AT, "Zmapovat",
                        null, UPLB, LocalDate.parse("2026-06-30"), List.of(), null))
                .given(CANCELLED_MEASURE.value(), new MeasureAdoptedEvent(CANCELLED_MEASURE, LBK, BODY_ID, EARLIER, adopting.resolutionId(), EARLIER_AT,
                        "Jiné", null, UPLB, LocalDate.parse("2026-06-30"), List.of(), null), new MeasureCancelledEvent(CANCELLED_MEASURE, LBK, "x", adopting));
        fixture = new AggregateTestFixture<>(Meeting.class);
        fixture.registerAnnotatedCommandHandler(new MeetingScheduling(bodies.repository(), fixture.getRepository()));
        fixture.registerAnnotatedCommandHandler(new CarryOver(MeetingsForTests.routed(fixture.getRepository(), others.repository(),
                Set.of(EARLIER.value(), LATER.value(), FOREIGN.value())), measures.repository()));
    }

    @Test
    void scheduling_copies_the_bodys_members_and_quorum_rule_into_the_meeting() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeetingCommand(ID, BODY_ID, AT, "KÚ Liberec"), Actors.secretary())
                .expectEvents(scheduled());
    }

    @Test
    void a_body_without_members_cannot_meet() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeetingCommand(ID, EMPTY_BODY, AT, "KÚ"), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage("Body " + EMPTY_BODY + " has no members; admit member institutions first.")
                .expectNoEvents();
    }

    @Test
    void a_dissolved_body_cannot_meet() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeetingCommand(ID, DISSOLVED_BODY, AT, "KÚ"), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage("Body " + DISSOLVED_BODY + " has been dissolved.").expectNoEvents();
    }

    @Test
    void a_scheduled_meeting_is_rescheduled_with_a_reason() {
        fixture.given(scheduled())
                .when(new RescheduleMeetingCommand(ID, AT.plusSeconds(86_400), "MML", "kolize termínů", null), Actors.secretary())
                .expectEvents(new MeetingRescheduledEvent(ID, LBK, AT.plusSeconds(86_400), "MML", "kolize termínů"));
    }

    @Test
    void a_convened_meeting_cannot_be_rescheduled_or_cancelled() {
        fixture.given(scheduled(), convened())
                .when(new RescheduleMeetingCommand(ID, AT.plusSeconds(86_400), null, "pozdě", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Meeting " + ID + " has already been convened.").expectNoEvents();
        fixture.given(scheduled(), convened())
                .when(new CancelMeetingCommand(ID, "pozdě", null), Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void a_scheduled_meeting_is_cancelled_with_a_reason_and_then_accepts_nothing() {
        fixture.given(scheduled())
                .when(new CancelMeetingCommand(ID, "nemoc předsedy", null), Actors.secretary())
                .expectEvents(new MeetingCancelledEvent(ID, LBK, "nemoc předsedy"));
        fixture.given(scheduled(), new MeetingCancelledEvent(ID, LBK, "nemoc"))
                .when(new AddAgendaItemCommand(ID, ITEM, "Bod", null, List.of(), null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Meeting " + ID + " was cancelled.").expectNoEvents();
    }

    @Test
    void cancelling_without_a_reason_is_refused_as_invalid() {
        fixture.given(scheduled())
                .when(new CancelMeetingCommand(ID, null, null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Field \"reason\" is required.").expectNoEvents();
    }

    @Test
    void the_same_agenda_item_cannot_be_added_twice() {
        fixture.given(scheduled(), new AgendaItemAddedEvent(ID, LBK, ITEM, "Bod", null, List.of()))
                .when(new AddAgendaItemCommand(ID, ITEM, "Bod", null, List.of(), null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Agenda item " + ITEM + " already exists.").expectNoEvents();
    }

    @Test
    void an_agenda_item_is_removed_with_a_reason_before_the_meeting_convenes_only() {
        fixture.given(scheduled(), new AgendaItemAddedEvent(ID, LBK, ITEM, "Bod", null, List.of()))
                .when(new RemoveAgendaItemCommand(ID, ITEM, "přesunuto do PS", null), Actors.secretary())
                .expectEvents(new AgendaItemRemovedEvent(ID, LBK, ITEM, "přesunuto do PS"));
        fixture.given(scheduled(), new AgendaItemAddedEvent(ID, LBK, ITEM, "Bod", null, List.of()), convened())
                .when(new RemoveAgendaItemCommand(ID, ITEM, "pozdě", null), Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void carry_over_brings_the_unfinished_items_and_chosen_open_measures_naming_the_meeting_they_come_from() {
        AgendaItemId carried = AgendaItemId.of(java.util.UUID.nameUUIDFromBytes((ID.value() + "/" + OPEN_ITEM.value())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        fixture.given(scheduled())
                .when(new CarryOverCommand(ID, EARLIER, List.of(OPEN_MEASURE)), Actors.secretary())
                .expectEvents(new AgendaItemCarriedOverEvent(ID, LBK, carried, "Ubytovny", UPLB, List.of(ISSUE), EARLIER, OPEN_ITEM),
                        new OpenMeasureCarriedOverEvent(ID, LBK, OPEN_MEASURE, EARLIER));
    }

    @Test
    void carrying_over_twice_adds_nothing_the_second_time() {
        AgendaItemId carried = AgendaItemId.of(java.util.UUID.nameUUIDFromBytes((ID.value() + "/" + OPEN_ITEM.value())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        fixture.given(scheduled(), new AgendaItemCarriedOverEvent(ID, LBK, carried, "Ubytovny", UPLB, List.of(ISSUE), EARLIER, OPEN_ITEM),
                        new OpenMeasureCarriedOverEvent(ID, LBK, OPEN_MEASURE, EARLIER))
                .when(new CarryOverCommand(ID, EARLIER, List.of(OPEN_MEASURE)), Actors.secretary())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void carry_over_from_the_meeting_itself_is_refused_as_such_not_as_a_missing_field() {
        fixture.given(scheduled()).when(new CarryOverCommand(ID, ID, List.of()), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("A meeting cannot carry items over from itself (" + ID.value() + "); name an earlier meeting of the same body.")
                .expectNoEvents();
    }

    @Test
    void carry_over_from_a_later_meeting_or_another_body_or_of_a_closed_measure_is_refused() {
        fixture.given(scheduled()).when(new CarryOverCommand(ID, LATER, List.of()), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Items can only be carried over from an earlier meeting.").expectNoEvents();
        fixture.given(scheduled()).when(new CarryOverCommand(ID, FOREIGN, List.of()), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Items can only be carried over from a meeting of the same body.")
                .expectNoEvents();
        fixture.given(scheduled()).when(new CarryOverCommand(ID, EARLIER, List.of(CANCELLED_MEASURE)), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Measure " + CANCELLED_MEASURE + " is not open or does not belong to this body.").expectNoEvents();
    }

    @Test
    void discussion_of_an_agenda_item_is_recorded_once_the_meeting_is_convened() {
        fixture.given(scheduled(), new AgendaItemAddedEvent(ID, LBK, ITEM, "Bod", null, List.of()), convened())
                .when(new RecordDiscussionCommand(ID, ITEM, "Diskuse o ubytovnách", true, null), Actors.secretary())
                .expectEvents(new ItemDiscussedEvent(ID, LBK, ITEM, "Diskuse o ubytovnách", true));
        fixture.given(scheduled(), new AgendaItemAddedEvent(ID, LBK, ITEM, "Bod", null, List.of()))
                .when(new RecordDiscussionCommand(ID, ITEM, "předčasně", false, null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Meeting " + ID + " has not been convened yet (no attendance taken).")
                .expectNoEvents();
    }

    @Test
    void discussion_of_an_item_not_on_the_agenda_breaks_a_rule() {
        fixture.given(scheduled(), convened())
                .when(new RecordDiscussionCommand(ID, ITEM, "x", false, null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Agenda item " + ITEM + " is not on this meeting's agenda.").expectNoEvents();
    }

    @Test
    void a_convened_meeting_cannot_be_convened_again() {
        fixture.given(scheduled(), convened())
                .when(new ConveneMeetingCommand(ID, AT, convened().attendance(), null), Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void a_resolution_number_adopted_twice_is_a_conflict() {
        fixture.given(scheduled(), convened(), resolution())
                .when(new AdoptResolutionCommand(ID, RES, null, "1/2026", "znovu", new Votes(2, 0, 0), null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Resolution " + RES + " has already been adopted.").expectNoEvents();
    }

    @Test
    void minutes_are_recorded_by_the_secretary_who_wrote_them() {
        fixture.given(scheduled(), convened())
                .when(new RecordMinutesCommand(ID, "Zápis z jednání …", null), Actors.secretary())
                .expectEvents(new MinutesRecordedEvent(ID, LBK, "Zápis z jednání …", "tajemnice"));
    }

    @Test
    void a_meeting_not_convened_cannot_be_closed() {
        fixture.given(scheduled())
                .when(new CloseMeetingCommand(ID, AT.plusSeconds(3600), null), Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void corrections_are_only_for_a_closed_record() {
        fixture.given(scheduled(), convened())
                .when(new CorrectMeetingRecordCommand(ID, "prezence", "oprava", "chyba", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Meeting " + ID + " is not closed; edit the record itself.").expectNoEvents();
    }

    @Test
    void a_correction_after_close_without_a_reason_is_refused_as_invalid() {
        fixture.given(scheduled(), convened(), new MeetingClosedEvent(ID, LBK, BODY_ID, AT.plusSeconds(7200)))
                .when(new CorrectMeetingRecordCommand(ID, "prezence", "oprava", " ", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Field \"reason\" is required.").expectNoEvents();
    }
}
