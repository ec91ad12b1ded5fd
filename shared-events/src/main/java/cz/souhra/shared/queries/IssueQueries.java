package cz.souhra.shared.queries;

import java.time.Instant;

/** Typed queries about issues; null filters match everything, {@code q} is a case-insensitive text search. */
public final class IssueQueries {

    private IssueQueries() {}

    public record FindIssue(String issueId, Instant asOf) {}

    public record ListIssues(String category, String status, String region, String locality, String institution, String q, Instant asOf,
                             int page, int size, String sort) {}
}
