package cz.souhra.shared.queries;

import java.time.Instant;

/** Typed queries over the generic event history. */
public final class HistoryQueries {

    private HistoryQueries() {}

    /** Every event concerning one measure, meeting, issue, body or institution, in recorded order. */
    public record SubjectHistory(String subjectId) {}

    /** Every event of a region (null = all) recorded in [from, to], paged, in recorded order. */
    public record RegionHistory(String region, Instant from, Instant to, int page, int size) {}
}
