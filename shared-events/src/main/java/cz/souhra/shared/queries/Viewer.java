package cz.souhra.shared.queries;

import java.util.Set;

/**
 * What a reader may see, resolved at the HTTP edge from the actor: everything (admin, auditor), or the
 * measures of one institution plus everything of the bodies it is a member of or records as secretary,
 * and the issues of the regions it acts in. It travels inside the query so that rights are applied before
 * paging and totals reveal nothing.
 */
public record Viewer(boolean all, String institution, Set<String> bodies, Set<String> regions) {

    public static final Viewer EVERYTHING = new Viewer(true, null, Set.of(), Set.of());

    public Viewer {
        bodies = bodies == null ? Set.of() : Set.copyOf(bodies);
        regions = regions == null ? Set.of() : Set.copyOf(regions);
    }

    public boolean seesBody(String bodyId) {
        return all || (bodyId != null && bodies.contains(bodyId));
    }

    public boolean seesMeasure(String owner, String bodyId) {
        return all || (institution != null && institution.equals(owner)) || seesBody(bodyId);
    }

    /** Issues belong to a region: readable by those who act in it, and by the institution that raised it. */
    public boolean seesIssue(String region, String raisedBy) {
        return all || (region != null && regions.contains(region)) || (institution != null && institution.equals(raisedBy));
    }

    public boolean seesRegion(String region) {
        return all || (region != null && regions.contains(region));
    }
}
