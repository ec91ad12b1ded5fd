package cz.souhra.query.measure;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import cz.souhra.shared.queries.Bitemporal;
import cz.souhra.shared.queries.MeasureView;

/**
 * Whether a measure is overdue is derived when it is read, from its stored due date and status and the
 * Czech calendar day of the question: an open measure (adopted or in progress) is overdue from the day
 * after its due date, Europe/Prague, at once, whether or not the overdue schedule has recorded the fact
 * yet. The read models keep only what the events say (the recorded {@code MeasureBecameOverdue}), so
 * they stay equal to a rebuild at any time of day.
 */
public final class Overdue {

    /** Due dates are Czech calendar days. */
    public static final ZoneId PRAGUE = cz.souhra.shared.model.CzechTime.ZONE;

    private Overdue() {}

    /** From the clock's instant, not its zone: a clock's zone is the host's business, the day is Prague's. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), PRAGUE);
    }

    /** The day a question is about: the as-of instant's Prague day, or today. */
    public static LocalDate day(Instant asOf, Clock clock) {
        return asOf == null ? today(clock) : LocalDate.ofInstant(asOf, PRAGUE);
    }

    /** The day a bitemporal question is about: its effective bound, else its recorded bound, else today. */
    public static LocalDate day(Bitemporal at, Clock clock) {
        if (at == null) {
            return today(clock);
        }
        return day(at.validAt() != null ? at.validAt() : at.knownAt(), clock);
    }

    public static boolean open(String status) {
        return "ADOPTED".equals(status) || "IN_PROGRESS".equals(status);
    }

    /** Open, and recorded overdue or past its due date on {@code day}. */
    public static boolean on(String status, LocalDate dueDate, boolean recorded, LocalDate day) {
        return open(status) && (recorded || (dueDate != null && dueDate.isBefore(day)));
    }

    public static MeasureView on(MeasureView v, LocalDate day) {
        if (v == null) {
            return null;
        }
        boolean overdue = on(v.status(), v.dueDate(), v.overdue(), day);
        return overdue == v.overdue() ? v : new MeasureView(v.measureId(), v.region(), v.bodyId(), v.meetingId(), v.resolutionId(), v.title(),
                v.description(), v.owner(), v.dueDate(), v.status(), v.percent(), overdue, v.adoptedAt(), v.lastNote(), v.addresses(),
                v.decisionBasis(), v.version(), v.lastRecordedAt());
    }
}
