package cz.souhra.command.web;

import java.time.Clock;
import java.time.LocalDate;

import cz.souhra.command.common.Facts;

/**
 * The Czech calendar day of the injected clock, for the edges only (controllers filling in a date the
 * caller left out, the overdue schedule). It lives here and not in {@link Facts}, which aggregates use:
 * aggregates receive every date in their command and never see a clock.
 */
public final class CzechDay {

    private CzechDay() {}

    /** From the clock's instant, whatever zone the clock carries. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), Facts.PRAGUE);
    }
}
