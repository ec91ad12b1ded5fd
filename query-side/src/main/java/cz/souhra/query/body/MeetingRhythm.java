package cz.souhra.query.body;

import java.time.Instant;
import java.time.LocalDate;
import cz.souhra.shared.model.CzechTime;

/**
 * "Jednání po termínu": a body that is meant to meet {@code n} times a year and has not met (convened a
 * meeting) for longer than {@code ceil(365 / n)} days, counted in Czech calendar days from its last meeting,
 * or from its establishment when it has never met. A dissolved body or one without a stated cadence is never
 * overdue. Derived when read from the day asked about, so the read models stay what the events say.
 */
public final class MeetingRhythm {


    private MeetingRhythm() {}

    /** The longest gap, in days, between two meetings of a body meant to meet {@code meetingsPerYear} times a year. */
    public static int allowedGapDays(int meetingsPerYear) {
        return (365 + meetingsPerYear - 1) / meetingsPerYear;
    }

    public static boolean overdue(Integer meetingsPerYear, boolean dissolved, Instant lastMeeting, Instant established, LocalDate day) {
        if (meetingsPerYear == null || meetingsPerYear < 1 || dissolved) {
            return false;
        }
        Instant since = lastMeeting != null ? lastMeeting : established;
        if (since == null) {
            return false;
        }
        return LocalDate.ofInstant(since, CzechTime.ZONE).plusDays(allowedGapDays(meetingsPerYear)).isBefore(day);
    }
}
