package cz.souhra.query.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.Scenario;
import cz.souhra.shared.events.body.BodyDissolvedEvent;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.DirectoryQueries;

/** "Jednání po termínu" is derived when read, from the last convened meeting, the cadence and the day asked about. */
class MeetingOverdueTest {

    /** Where the domain's days are. */
    private static final java.time.ZoneId PRAGUE = java.time.ZoneId.of("Europe/Prague");

    private final QueryFixture f = Scenario.loaded();

    @AfterEach
    void close() {
        f.close();
    }

    private BodyView body(String id, Instant asOf) {
        return f.directoryQueries.body(new DirectoryQueries.FindBody(id, asOf));
    }

    @Test
    void a_quarterly_body_is_overdue_from_the_93rd_day_after_its_last_meeting_in_prague_days() {
        // convened 2026-03-10 09:05 UTC; four meetings a year allow ceil(365 / 4) = 92 days
        f.clock.set(Instant.parse("2026-06-10T21:00:00Z")); // 23:00 in Prague, still 10 June
        BodyView onTime = body(Scenario.BODY.value(), null);
        assertThat(onTime.lastMeetingAt()).isEqualTo(Instant.parse("2026-03-10T09:05:00Z"));
        assertThat(onTime.meetingOverdue()).isFalse();
        f.clock.set(Instant.parse("2026-06-10T22:30:00Z")); // 00:30 on 11 June in Prague
        assertThat(body(Scenario.BODY.value(), null).meetingOverdue()).isTrue();
        // the list says the same
        assertThat(f.directoryQueries.bodies(new DirectoryQueries.ListBodies(null, null, null, 0, 50, null)).items())
                .filteredOn(b -> b.bodyId().equals(Scenario.BODY.value())).singleElement().extracting(BodyView::meetingOverdue).isEqualTo(true);
    }

    @Test
    void a_body_that_never_met_counts_from_its_establishment_and_as_of_a_day_only_meetings_convened_by_then_count() {
        BodyView never = body(Scenario.OTHER_BODY.value(), null);
        assertThat(never.lastMeetingAt()).isNull();
        LocalDate established = LocalDate.ofInstant(never.establishedAt(), PRAGUE);
        f.clock.set(established.plusDays(92).atTime(12, 0).atZone(PRAGUE).toInstant());
        assertThat(body(Scenario.OTHER_BODY.value(), null).meetingOverdue()).isFalse();
        f.clock.set(established.plusDays(93).atTime(12, 0).atZone(PRAGUE).toInstant());
        assertThat(body(Scenario.OTHER_BODY.value(), null).meetingOverdue()).isTrue();
        // as it stood the day before the meeting: no meeting yet
        assertThat(body(Scenario.BODY.value(), Instant.parse("2026-03-09T12:00:00Z")).lastMeetingAt()).isNull();
    }

    @Test
    void a_dissolved_body_is_never_overdue() {
        f.appendAndDeliver(QueryFixture.event("Body", Scenario.OTHER_BODY.value(), 2, new BodyDissolvedEvent(Scenario.OTHER_BODY, Scenario.R, "sloučena"),
                Scenario.T0.plusSeconds(100_000), "admin", null, null));
        f.clock.set(Instant.parse("2027-12-31T12:00:00Z"));
        assertThat(body(Scenario.OTHER_BODY.value(), null).meetingOverdue()).isFalse();
    }

    @Test
    void the_allowed_gap_is_a_year_divided_by_the_meetings_rounded_up() {
        assertThat(MeetingRhythm.allowedGapDays(1)).isEqualTo(365);
        assertThat(MeetingRhythm.allowedGapDays(2)).isEqualTo(183);
        assertThat(MeetingRhythm.allowedGapDays(12)).isEqualTo(31);
        assertThat(MeetingRhythm.allowedGapDays(52)).isEqualTo(8);
        assertThat(MeetingRhythm.overdue(null, false, null, Instant.parse("2020-01-01T00:00:00Z"), LocalDate.parse("2026-01-01"))).isFalse();
    }
}
