package cz.souhra.query.common;

import java.time.Instant;

import cz.souhra.shared.queries.Bitemporal;

/**
 * Reads the time parameters of a register request: {@code asOf} alone is the recorded-time as-of;
 * {@code knownAt} and/or {@code validAt} ask the bitemporal question. Mixing {@code asOf} with either is
 * ambiguous and refused, so a client never gets an answer to a question it did not ask.
 */
public final class TimeAxes {

    private TimeAxes() {}

    /** Null when the request asks no bitemporal question. */
    public static Bitemporal of(Instant asOf, Instant knownAt, Instant validAt) {
        if (knownAt == null && validAt == null) {
            return null;
        }
        if (asOf != null) {
            throw new QueryRefusal(QueryRefusal.Kind.INVALID, "AS_OF_WITH_KNOWN_AT");
        }
        return new Bitemporal(knownAt, validAt);
    }
}
