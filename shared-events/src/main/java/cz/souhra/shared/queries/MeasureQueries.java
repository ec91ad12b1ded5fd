package cz.souhra.shared.queries;

import java.time.Instant;

/** Typed queries about measures, answered by the query side. */
public final class MeasureQueries {

    private MeasureQueries() {}

    /** One measure, now or as it stood at {@code asOf} (null = now). */
    public record FindMeasure(String measureId, Instant asOf) {}

    /** One measure as the register knew it at {@code at.knownAt()} about {@code at.validAt()} (see {@link Bitemporal}). */
    public record FindMeasureBitemporal(String measureId, Bitemporal at) {}

    /** The measure register on both time axes; the filters of {@code filter} apply, its {@code asOf} must be null. */
    public record ListMeasuresBitemporal(ListMeasures filter, Bitemporal at) {}

    /** Every event of a measure in order. */
    public record MeasureHistory(String measureId) {}

    /** Issue → agenda item → resolution → measure → progress → closure, across meetings. */
    public record MeasureLineage(String measureId) {}

    /**
     * The measure register; null filters match everything. {@code q}: text in the title, description, decision basis
     * or last progress note, in any case and with or without diacritics.
     */
    public record ListMeasures(Viewer viewer, String owner, String status, Boolean overdue, String bodyId, String region, Instant asOf,
                               int page, int size, String sort, String q) {

        /** Without a text filter. */
        public ListMeasures(Viewer viewer, String owner, String status, Boolean overdue, String bodyId, String region, Instant asOf,
                            int page, int size, String sort) {
            this(viewer, owner, status, overdue, bodyId, region, asOf, page, size, sort, null);
        }
    }

    /** Subscription: the measure view after every change. */
    public record MeasureUpdates(String measureId) {}
}
