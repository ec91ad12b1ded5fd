package cz.souhra.shared.queries;

import java.time.Instant;

/** Typed queries for dashboards. */
public final class DashboardQueries {

    private DashboardQueries() {}

    /** The dashboard as one viewer may see it, now or as of an instant. */
    public record Dashboard(Viewer viewer, Instant asOf) {}

    /** Subscription: every measure change, to recompute the dashboard. */
    public record DashboardUpdates(String institution) {}
}
