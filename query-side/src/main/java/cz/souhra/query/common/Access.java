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
 * Read rights. Administrators and auditors (a national role) see everything; a secretary sees the bodies
 * they record (a platform's secretary also the working groups of the platform's region); a member institution sees the measures it owns and everything of the bodies it is a member
 * of. Regions are tenants: issues are read by those who act in the issue's region (see {@link #regionsOf}).
 */
@Component
public class Access {

    private final ReadModels readModels;
    private final RegionDirectory regionDirectory;

    public Access(ReadModels readModels, RegionDirectory regionDirectory) {
        this.readModels = readModels;
        this.regionDirectory = regionDirectory;
    }

    public boolean seesAll(Actor a) {
        return a.has(Actor.Role.ADMIN) || a.has(Actor.Role.AUDITOR);
    }

    /**
     * The regions an actor acts in: their institution's, and those of the bodies their institution is a
     * member of or they are secretary of. Read from the {@link RegionDirectory}, kept as the events commit, so
     * a registration or an admission counts at the next request; what that directory may not know (a store
     * recorded before it ran) is read from the directory read model as well.
     */
    public Set<String> regionsOf(String institution, Set<String> secretaryOf) {
        RegionDirectory.Known known = regionDirectory.regionsOf(institution, secretaryOf);
        if (known.complete()) {
            return known.regions();
        }
        Set<String> regions = new HashSet<>(known.regions());
        if (institution != null) {
            Document i = readModels.collection("institutions").find(Filters.eq("_id", institution)).first();
            if (i != null && i.getString("region") != null) {
                regions.add(i.getString("region"));
            }
        }
        var filter = institution == null ? Filters.in("_id", secretaryOf)
                : Filters.or(Filters.eq("members", institution), Filters.in("_id", secretaryOf));
        for (Document b : readModels.collection("bodies").find(filter)) {
            boolean member = institution != null && b.getList("members", String.class, List.of()).contains(institution);
            if ((member || secretaryOf.contains(b.getString("_id"))) && b.getString("region") != null) {
                regions.add(b.getString("region"));
            }
        }
        return regions;
    }

    /** The actor with the regions they act in; administrators and auditors need none (they read all, admins act in all). */
    public Actor withRegions(Actor a) {
        if (seesAll(a) && !a.has(Actor.Role.SECRETARY) && !a.has(Actor.Role.MEMBER)) {
            return a;
        }
        return a.withRegions(regionsOf(a.institution(), a.has(Actor.Role.SECRETARY) ? a.secretaryOf() : Set.of()));
    }

    /** The actor's rights resolved against the current body memberships. */
    public Viewer viewer(Actor a) {
        if (seesAll(a)) {
            return Viewer.EVERYTHING;
        }
        Set<String> bodies = new HashSet<>();
        if (a.has(Actor.Role.SECRETARY)) {
            bodies.addAll(a.secretaryOf());
            bodies.addAll(workingGroupsOfPlatforms(a.secretaryOf()));
        }
        if (a.institution() != null) {
            for (Document b : readModels.collection("bodies").find(Filters.eq("members", a.institution()))) {
                if (b.getList("members", String.class, List.of()).contains(a.institution())) {
                    bodies.add(b.getString("_id"));
                }
            }
        }
        return new Viewer(false, a.institution(), bodies, a.regions());
    }

    /**
     * The working groups of the regions whose active platform the secretary records: the platform establishes and
     * dissolves them (command side, BodyFounding), so its secretary reads them too.
     */
    private Set<String> workingGroupsOfPlatforms(Set<String> secretaryOf) {
        if (secretaryOf.isEmpty()) {
            return Set.of();
        }
        Set<String> regions = new HashSet<>();
        for (Document p : readModels.collection("bodies").find(Filters.and(Filters.in("_id", secretaryOf), Filters.eq("kind", "PLATFORM"),
                Filters.ne("dissolved", true)))) {
            regions.add(p.getString("region"));
        }
        if (regions.isEmpty()) {
            return Set.of();
        }
        Set<String> groups = new HashSet<>();
        for (Document g : readModels.collection("bodies").find(Filters.and(Filters.eq("kind", "WORKING_GROUP"), Filters.in("region", regions)))) {
            groups.add(g.getString("_id"));
        }
        return groups;
    }

    /** What is needed to read issues: the actor's regions and institution, no body lookup. */
    public Viewer issueViewer(Actor a) {
        return seesAll(a) ? Viewer.EVERYTHING : new Viewer(false, a.institution(), Set.of(), a.regions());
    }

    public boolean seesBody(Actor a, String bodyId) {
        return viewer(a).seesBody(bodyId);
    }

    public boolean seesMeasure(Actor a, String owner, String bodyId) {
        return viewer(a).seesMeasure(owner, bodyId);
    }

    public boolean seesIssue(Actor a, String region, String raisedBy) {
        return seesAll(a) || (region != null && a.regions().contains(region)) || (raisedBy != null && a.actsFor(raisedBy));
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

    public void requireIssue(Actor a, String region, String raisedBy) {
        if (!seesIssue(a, region, raisedBy)) {
            throw QueryRefusal.forbidden();
        }
    }
}
