package cz.souhra.query.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.Scenario;
import cz.souhra.shared.events.meeting.AgendaItemAddedEvent;
import cz.souhra.shared.events.meeting.AgendaItemCarriedOverEvent;
import cz.souhra.shared.events.meeting.AgendaReorderedEvent;
import cz.souhra.shared.events.meeting.MeetingCancelledEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
import cz.souhra.shared.events.meeting.OpenMeasureCarriedOverEvent;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.queries.CarryOverProposal;
import cz.souhra.shared.queries.MeetingQueries;

/**
 * The carry-over a meeting is offered comes from the body's latest earlier meeting that was not cancelled:
 * its unconcluded items and its open measures, less what the meeting already carried over.
 */
class CarryOverProposalTest {

    static final MeetingId NEXT = MeetingId.of("0e0e0000-0000-4000-8000-000000000011");
    static final MeetingId CANCELLED = MeetingId.of("0e0e0000-0000-4000-8000-000000000012");
    static final MeetingId FIRST_EVER = MeetingId.of("0e0e0000-0000-4000-8000-000000000013");

    private final QueryFixture f = Scenario.loaded();
    private long t = 200_000;

    @AfterEach
    void close() {
        f.close();
    }

    private void meeting(MeetingId id, long seq, Object payload) {
        f.appendAndDeliver(QueryFixture.event("Meeting", id.value(), seq, payload, Scenario.T0.plusSeconds(t++), "tajemnice", "KULK", null));
    }

    private void schedule(MeetingId id, String startsAt) {
        meeting(id, 0, new MeetingScheduledEvent(id, Scenario.R, Scenario.BODY, Instant.parse(startsAt), "KÚ",
                List.of(InstitutionId.of("KULK"), InstitutionId.of("UPLB")), QuorumRule.MORE_THAN_HALF));
    }

    private CarryOverProposal proposal(MeetingId id) {
        return f.meetingQueries.proposeCarryOver(new MeetingQueries.ProposeCarryOver(id.value()));
    }

    @Test
    void a_later_meeting_is_offered_the_unconcluded_item_and_the_open_measure_of_the_previous_one_skipping_a_cancelled_meeting() {
        schedule(CANCELLED, "2026-05-10T09:00:00Z");
        meeting(CANCELLED, 1, new MeetingCancelledEvent(CANCELLED, Scenario.R, "nebylo by usnášeníschopné"));
        schedule(NEXT, "2026-06-10T09:00:00Z");

        CarryOverProposal p = proposal(NEXT);

        assertThat(p.fromMeetingId()).isEqualTo(Scenario.MEETING.value());
        assertThat(p.items()).extracting(CarryOverProposal.Item::title).containsExactly("Ubytovny");
        assertThat(p.measures()).extracting(CarryOverProposal.Measure::measureId).containsExactly(Scenario.MEASURE.value());
        assertThat(p.measures().get(0).title()).isNotBlank();
    }

    @Test
    void what_the_meeting_has_already_carried_over_is_not_offered_again() {
        schedule(NEXT, "2026-06-10T09:00:00Z");
        meeting(NEXT, 1, new AgendaItemCarriedOverEvent(NEXT, Scenario.R, AgendaItemId.of("0a0a0000-0000-4000-8000-000000000011"), "Ubytovny",
                InstitutionId.of("UPLB"), List.of(Scenario.ISSUE), Scenario.MEETING, Scenario.ITEM));
        meeting(NEXT, 2, new OpenMeasureCarriedOverEvent(NEXT, Scenario.R, Scenario.MEASURE, Scenario.MEETING));

        CarryOverProposal p = proposal(NEXT);

        assertThat(p.fromMeetingId()).isEqualTo(Scenario.MEETING.value());
        assertThat(p.items()).isEmpty();
        assertThat(p.measures()).isEmpty();
    }

    @Test
    void the_body_s_first_meeting_has_nothing_to_carry_over() {
        schedule(FIRST_EVER, "2026-01-10T09:00:00Z");

        CarryOverProposal p = proposal(FIRST_EVER);

        assertThat(p.fromMeetingId()).isNull();
        assertThat(p.items()).isEmpty();
        assertThat(p.measures()).isEmpty();
    }

    @Test
    void a_reordered_agenda_is_read_in_its_new_order() {
        AgendaItemId second = AgendaItemId.of("0a0a0000-0000-4000-8000-000000000021");
        AgendaItemId third = AgendaItemId.of("0a0a0000-0000-4000-8000-000000000022");
        schedule(NEXT, "2026-06-10T09:00:00Z");
        meeting(NEXT, 1, new AgendaItemAddedEvent(NEXT, Scenario.R, second, "Ubytovny", null, List.of()));
        meeting(NEXT, 2, new AgendaItemAddedEvent(NEXT, Scenario.R, third, "Různé", null, List.of()));
        meeting(NEXT, 3, new AgendaReorderedEvent(NEXT, Scenario.R, List.of(third, second)));

        assertThat(f.meetingQueries.find(new MeetingQueries.FindMeeting(NEXT.value(), null)).agenda())
                .extracting(a -> a.title()).containsExactly("Různé", "Ubytovny");
    }
}
