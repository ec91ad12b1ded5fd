package cz.souhra.shared.queries;

import java.time.Instant;

/**
 * Typed queries about issues; null filters match everything, {@code q} is a case-insensitive text search.
 * The register lists only what its {@code viewer} may see (regions are tenants); a null viewer is a caller
 * inside the application that sees everything.
 */
public final class IssueQueries {

    private IssueQueries() {}

    public record FindIssue(String issueId, Instant asOf) {}

    /** One issue as the register knew it at {@code at.knownAt()} about {@code at.validAt()} (see {@link Bitemporal}). */
    public record FindIssueBitemporal(String issueId, Bitemporal at) {}

    /** The issue register on both time axes; the filters of {@code filter} apply, its {@code asOf} must be null. */
    public record ListIssuesBitemporal(ListIssues filter, Bitemporal at) {}

    public record ListIssues(Viewer viewer, String category, String status, String region, String locality, String institution, String q, Instant asOf,
                             int page, int size, String sort) {}
}
