package cz.souhra.shared.queries;

import java.util.Set;

/**
 * What a reader may see, resolved at the HTTP edge from the actor: everything (admin, auditor), or the
 * measures of one institution plus everything of the bodies it is a member of or records as secretary.
 * It travels inside the query so that rights are applied before paging and totals reveal nothing.
 */
public record Viewer(boolean all, String institution, Set<String> bodies) {

    public static final Viewer EVERYTHING = new Viewer(true, null, Set.of());

    public Viewer {
        bodies = bodies == null ? Set.of() : Set.copyOf(bodies);
    }

    public boolean seesBody(String bodyId) {
        return all || (bodyId != null && bodies.contains(bodyId));
    }

    public boolean seesMeasure(String owner, String bodyId) {
        return all || (institution != null && institution.equals(owner)) || seesBody(bodyId);
    }
}
