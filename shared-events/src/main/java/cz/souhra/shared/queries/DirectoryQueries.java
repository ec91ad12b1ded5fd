package cz.souhra.shared.queries;

import java.time.Instant;

/** Typed queries about institutions and bodies. */
public final class DirectoryQueries {

    private DirectoryQueries() {}

    public record ListInstitutions(String region, String kind, String q, Instant asOf, int page, int size, String sort) {}

    public record ListBodies(String region, String kind, Instant asOf, int page, int size, String sort) {}

    public record FindBody(String bodyId, Instant asOf) {}
}
