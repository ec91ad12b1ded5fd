package cz.souhra.query.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.Scenario;
import cz.souhra.shared.events.meeting.AgendaItemCarriedOverEvent;
import cz.souhra.shared.events.meeting.ItemDiscussedEvent;
import cz.souhra.shared.events.meeting.LedgerCheckpointRecordedEvent;
import cz.souhra.shared.events.meeting.MeetingClosedEvent;
import cz.souhra.shared.events.meeting.MeetingCorrectedEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
import cz.souhra.shared.events.meeting.MinutesApprovedEvent;
import cz.souhra.shared.events.meeting.MinutesConfirmedEvent;
import cz.souhra.shared.events.meeting.MinutesDraftCorrectedEvent;
import cz.souhra.shared.events.meeting.MinutesObjectionRaisedEvent;
import cz.souhra.shared.events.meeting.MinutesRecordedEvent;
import cz.souhra.shared.events.meeting.MinutesVerificationStartedEvent;
import cz.souhra.shared.model.MinutesApprovalBasis;
import cz.souhra.shared.model.MinutesVerifier;
import cz.souhra.shared.events.meeting.OpenMeasureCarriedOverEvent;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.queries.MeetingQueries;
import cz.souhra.shared.queries.MeetingView;

class MeetingProjectionTest {

    static final MeetingId NEXT = MeetingId.of("0e0e0000-0000-4000-8000-000000000009");
    static final AgendaItemId CARRIED = AgendaItemId.of("0a0a0000-0000-4000-8000-000000000009");

    private final QueryFixture f = Scenario.loaded();
    private long t = 100_000;

    @AfterEach
    void close() {
        f.close();
    }

    private void meeting(MeetingId id, long seq, Object payload) {
        f.appendAndDeliver(QueryFixture.event("Meeting", id.value(), seq, payload, Scenario.T0.plusSeconds(t++), "tajemnice", "KULK", null));
    }

    private MeetingView view(MeetingId id) {
        return f.meetingQueries.find(new MeetingQueries.FindMeeting(id.value(), null));
    }

    @Test
    void given_a_measure_progress_event_when_folded_then_no_meeting_view_is_read_and_a_meeting_event_still_reads_its_own() {
        List<String> reads = new java.util.ArrayList<>();
        cz.souhra.query.common.ViewLookup counting = (collection, id) -> {
            reads.add(collection + "/" + id);
            return null;
        };
        var progress = QueryFixture.event("Measure", Scenario.MEASURE.value(), 9, new cz.souhra.shared.events.measure.ProgressReportedEvent(
                Scenario.MEASURE, Scenario.R, 40, "zpráva", java.time.LocalDate.parse("2026-04-01")), Scenario.T0.plusSeconds(t++), "uprace", "UPLB", null);

        assertThat(f.meetings.fold(counting, progress.getPayload(), cz.souhra.query.common.EventMeta.of(progress))).isEmpty();
        assertThat(reads).as("store reads for another aggregate's event").isEmpty();

        var minutes = QueryFixture.event("Meeting", Scenario.MEETING.value(), 9, new MinutesRecordedEvent(Scenario.MEETING, Scenario.R, "Zápis", "tajemnice"),
                Scenario.T0.plusSeconds(t++), "tajemnice", "KULK", null);
        f.meetings.fold(counting, minutes.getPayload(), cz.souhra.query.common.EventMeta.of(minutes));
        assertThat(reads).contains(MeetingProjection.COLLECTION + "/" + Scenario.MEETING.value());
    }

    @Test
    void discussion_minutes_closing_checkpoint_and_corrections_are_recorded_on_the_view() {
        meeting(Scenario.MEETING, 4, new ItemDiscussedEvent(Scenario.MEETING, Scenario.R, Scenario.ITEM, "Projednáno, pokračovat", false));
        meeting(Scenario.MEETING, 5, new MinutesRecordedEvent(Scenario.MEETING, Scenario.R, "Zápis", "tajemnice"));
        meeting(Scenario.MEETING, 6, new MeetingClosedEvent(Scenario.MEETING, Scenario.R, Scenario.BODY, Instant.parse("2026-03-10T12:00:00Z")));
        meeting(Scenario.MEETING, 7, new LedgerCheckpointRecordedEvent(Scenario.MEETING, Scenario.R, 17, "ab".repeat(32)));
        meeting(Scenario.MEETING, 8, new MeetingCorrectedEvent(Scenario.MEETING, Scenario.R, "minutes", "oprava jména", "překlep"));
        MeetingView v = view(Scenario.MEETING);
        assertThat(v.status()).isEqualTo("CLOSED");
        assertThat(v.agenda().get(0).discussion()).isEqualTo("Projednáno, pokračovat");
        assertThat(v.agenda().get(0).concluded()).isFalse();
        assertThat(v.minutes()).isEqualTo("Zápis");
        assertThat(v.checkpoint().digest()).hasSize(64);
        assertThat(v.corrections()).singleElement().satisfies(c -> assertThat(c.by()).isEqualTo("tajemnice"));
    }

    @Test
    void the_approval_of_the_minutes_keeps_every_draft_objection_and_confirmation_and_the_final_text() {
        Instant sent = Instant.parse("2026-03-12T08:00:00Z");
        InstitutionId kulk = InstitutionId.of("KULK");
        InstitutionId uplb = InstitutionId.of("UPLB");
        meeting(Scenario.MEETING, 4, new MinutesRecordedEvent(Scenario.MEETING, Scenario.R, "Zápis 12 z 30", "tajemnice"));
        meeting(Scenario.MEETING, 5, new MeetingClosedEvent(Scenario.MEETING, Scenario.R, Scenario.BODY, Instant.parse("2026-03-10T12:00:00Z")));
        meeting(Scenario.MEETING, 6, new MinutesVerificationStartedEvent(Scenario.MEETING, Scenario.R, 1, "Zápis 12 z 30",
                List.of(new MinutesVerifier(kulk, "Nováková"), new MinutesVerifier(uplb, "Dvořák")), sent, sent.plusSeconds(604_800)));
        meeting(Scenario.MEETING, 7, new MinutesConfirmedEvent(Scenario.MEETING, Scenario.R, 1, kulk, "clen-kulk", sent.plusSeconds(60)));
        meeting(Scenario.MEETING, 8, new MinutesObjectionRaisedEvent(Scenario.MEETING, Scenario.R, 1, 1, uplb, "uprace", "13, ne 12", sent.plusSeconds(120)));
        assertThat(f.meetingQueries.minutesToVerify(new MeetingQueries.MinutesToVerify("UPLB")).items()).as("UPLB objected, not confirmed")
                .extracting(MeetingView::meetingId).containsExactly(Scenario.MEETING.value());
        assertThat(f.meetingQueries.minutesToVerify(new MeetingQueries.MinutesToVerify("KULK")).items()).as("KULK confirmed").isEmpty();
        MeetingView.MinutesApproval open = view(Scenario.MEETING).minutesApproval();
        assertThat(open.status()).isEqualTo("IN_VERIFICATION");
        assertThat(open.verifiers()).extracting(MeetingView.Verifier::state).containsExactly("CONFIRMED", "OBJECTED");
        assertThat(open.objections()).singleElement().satisfies(o -> assertThat(o.state()).isEqualTo("OPEN"));

        meeting(Scenario.MEETING, 9, new MinutesDraftCorrectedEvent(Scenario.MEETING, Scenario.R, 2, "Zápis 13 z 30", List.of(1), "opraveno", "tajemnice",
                sent.plusSeconds(3600), sent.plusSeconds(3600 + 604_800)));
        MeetingView.MinutesApproval corrected = view(Scenario.MEETING).minutesApproval();
        assertThat(corrected.verifiers()).extracting(MeetingView.Verifier::state).containsExactly("PENDING", "PENDING");
        assertThat(corrected.deadline()).isEqualTo(sent.plusSeconds(3600 + 604_800).toString());
        assertThat(corrected.objections()).singleElement().satisfies(o -> {
            assertThat(o.state()).isEqualTo("CORRECTED");
            assertThat(o.answeredVersion()).isEqualTo(2);
        });
        meeting(Scenario.MEETING, 10, new MinutesConfirmedEvent(Scenario.MEETING, Scenario.R, 2, uplb, "uprace", sent.plusSeconds(4000)));
        meeting(Scenario.MEETING, 11, new MinutesConfirmedEvent(Scenario.MEETING, Scenario.R, 2, kulk, "clen-kulk", sent.plusSeconds(5000)));
        meeting(Scenario.MEETING, 12, new MinutesApprovedEvent(Scenario.MEETING, Scenario.R, 2, "Zápis 13 z 30", MinutesApprovalBasis.ALL_CONFIRMED,
                sent.plusSeconds(5000)));
        MeetingView.MinutesApproval done = view(Scenario.MEETING).minutesApproval();
        assertThat(done.status()).isEqualTo("FINAL");
        assertThat(done.text()).isEqualTo("Zápis 13 z 30");
        assertThat(done.basis()).isEqualTo("ALL_CONFIRMED");
        assertThat(done.drafts()).extracting(MeetingView.Draft::text).containsExactly("Zápis 12 z 30", "Zápis 13 z 30");
        assertThat(done.confirmations()).extracting(MeetingView.Confirmation::version).containsExactly(1, 2, 2);
        assertThat(view(Scenario.MEETING).minutes()).as("the recorded text stays as recorded").isEqualTo("Zápis 12 z 30");
    }

    @Test
    void a_carried_over_item_and_an_open_measure_are_visible_in_both_meetings() {
        meeting(NEXT, 0, new MeetingScheduledEvent(NEXT, Scenario.R, Scenario.BODY, Instant.parse("2026-06-10T09:00:00Z"), "KÚ",
                List.of(InstitutionId.of("KULK"), InstitutionId.of("UPLB")), QuorumRule.MORE_THAN_HALF));
        meeting(NEXT, 1, new AgendaItemCarriedOverEvent(NEXT, Scenario.R, CARRIED, "Ubytovny", InstitutionId.of("UPLB"), List.of(Scenario.ISSUE),
                Scenario.MEETING, Scenario.ITEM));
        meeting(NEXT, 2, new OpenMeasureCarriedOverEvent(NEXT, Scenario.R, Scenario.MEASURE, Scenario.MEETING));
        assertThat(view(Scenario.MEETING).agenda().get(0).carriedTo()).isEqualTo(NEXT.value());
        MeetingView next = view(NEXT);
        assertThat(next.agenda().get(0).carriedFrom()).isEqualTo(Scenario.MEETING.value());
        assertThat(next.carriedMeasures()).singleElement().satisfies(m -> assertThat(m.measureId()).isEqualTo(Scenario.MEASURE.value()));
        assertThat(f.meetingQueries.ofBody(new MeetingQueries.MeetingsOfBody(Scenario.BODY.value(), null, 0, 10, null)).items())
                .extracting(MeetingView::meetingId).containsExactly(Scenario.MEETING.value(), NEXT.value());
    }

    @Test
    void delivering_the_whole_history_again_writes_nothing_new() {
        var before = f.snapshot();
        Scenario.events().forEach(f::deliver);
        assertThat(cz.souhra.query.rebuild.ReadModelDigest.firstDifference(f.snapshot(), before)).isNull();
    }
}
