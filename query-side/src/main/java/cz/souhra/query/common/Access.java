package cz.souhra.query.common;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;

import cz.souhra.shared.Actor;
import cz.souhra.shared.queries.Viewer;

/**
 * Read rights: auditors and administrators see everything; a secretary sees the bodies they record; a
 * member institution sees the measures it owns and everything of the bodies it is a member of.
 */
@Component
public class Access {

    private final ReadModels readModels;

    public Access(ReadModels readModels) {
        this.readModels = readModels;
    }

    public boolean seesAll(Actor a) {
        return a.has(Actor.Role.ADMIN) || a.has(Actor.Role.AUDITOR);
    }

    /** The actor's rights resolved against the current body memberships. */
    public Viewer viewer(Actor a) {
        if (seesAll(a)) {
            return Viewer.EVERYTHING;
        }
        Set<String> bodies = new HashSet<>();
        if (a.has(Actor.Role.SECRETARY)) {
            bodies.addAll(a.secretaryOf());
        }
        if (a.institution() != null) {
            for (Document b : readModels.collection("bodies").find(Filters.eq("members", a.institution()))) {
                if (b.getList("members", String.class, List.of()).contains(a.institution())) {
                    bodies.add(b.getString("_id"));
                }
            }
        }
        return new Viewer(false, a.institution(), bodies);
    }

    public boolean seesBody(Actor a, String bodyId) {
        return viewer(a).seesBody(bodyId);
    }

    public boolean seesMeasure(Actor a, String owner, String bodyId) {
        return viewer(a).seesMeasure(owner, bodyId);
    }

    public void requireMeasure(Actor a, String owner, String bodyId) {
        if (!seesMeasure(a, owner, bodyId)) {
            throw QueryRefusal.forbidden();
        }
    }

    public void requireBody(Actor a, String bodyId) {
        if (!seesBody(a, bodyId)) {
            throw QueryRefusal.forbidden();
        }
    }
}
