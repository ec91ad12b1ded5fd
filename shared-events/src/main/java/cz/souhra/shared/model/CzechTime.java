package cz.souhra.shared.model;

import java.time.ZoneId;

/**
 * The legal time of the Czech Republic, in which the platforms meet and measures fall due: a measure is overdue
 * from Prague midnight after its due date, and every day a person reads or types is a Prague day.
 */
public final class CzechTime {

    /** For annotations, which need a constant text (e.g. a schedule's zone). */
    public static final String ZONE_ID = "Europe/Prague";

    public static final ZoneId ZONE = ZoneId.of(ZONE_ID);

    private CzechTime() {
    }
}
