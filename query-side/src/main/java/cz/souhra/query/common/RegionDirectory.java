package cz.souhra.query.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import cz.souhra.shared.events.body.BodyEstablishedEvent;
import cz.souhra.shared.events.body.MemberAdmittedEvent;
import cz.souhra.shared.events.body.MemberRemovedEvent;
import cz.souhra.shared.events.institution.InstitutionRegisteredEvent;

/**
 * The region of every institution and body and the bodies' members, kept in the committing thread (a
 * subscribing processor, application.yml), so that the regions an actor acts in are right at the next request
 * after an institution is registered or admitted, not only once the directory read model has followed.
 * Every write is a set operation, so a repeated event changes nothing. It sees only events recorded while it
 * runs: for what came before it (a store from an earlier version) {@link Access#regionsOf} also reads the
 * directory read model.
 */
@Component
@ProcessingGroup(RegionDirectory.GROUP)
public class RegionDirectory {

    public static final String GROUP = "regions";
    static final String COLLECTION = "region_directory";
    private static final String INSTITUTION = "i:";
    private static final String BODY = "b:";

    private final ReadModels readModels;

    public RegionDirectory(ReadModels readModels) {
        this.readModels = readModels;
    }

    private MongoCollection<Document> collection() {
        return readModels.collection(COLLECTION);
    }

    @EventHandler
    void on(InstitutionRegisteredEvent e) {
        collection().updateOne(Filters.eq("_id", INSTITUTION + e.institutionId().value()), Updates.set("region", e.region().value()), UPSERT);
    }

    @EventHandler
    void on(BodyEstablishedEvent e) {
        collection().updateOne(Filters.eq("_id", BODY + e.bodyId().value()), Updates.set("region", e.region().value()), UPSERT);
    }

    @EventHandler
    void on(MemberAdmittedEvent e) {
        collection().updateOne(Filters.eq("_id", BODY + e.bodyId().value()),
                Updates.combine(Updates.set("region", e.region().value()), Updates.addToSet("members", e.institutionId().value())), UPSERT);
    }

    @EventHandler
    void on(MemberRemovedEvent e) {
        collection().updateOne(Filters.eq("_id", BODY + e.bodyId().value()), Updates.pull("members", e.institutionId().value()));
    }

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    /** What this directory knows of an actor's regions, in one read. */
    record Known(Set<String> regions, boolean complete) {}

    /**
     * The regions of the institution and of the bodies it is a member of or the user is secretary of.
     * Complete when the institution and every such body were recorded while this directory ran: then nothing
     * about them can be missing here (an admission always follows its institution's registration).
     */
    Known regionsOf(String institution, Set<String> secretaryOf) {
        List<Bson> any = new ArrayList<>();
        if (institution != null) {
            any.add(Filters.eq("_id", INSTITUTION + institution));
            any.add(Filters.eq("members", institution));
        }
        if (!secretaryOf.isEmpty()) {
            any.add(Filters.in("_id", secretaryOf.stream().map(b -> BODY + b).toList()));
        }
        if (any.isEmpty()) {
            return new Known(Set.of(), true);
        }
        Set<String> regions = new HashSet<>();
        boolean institutionKnown = institution == null;
        Set<String> bodiesKnown = new HashSet<>();
        for (Document d : collection().find(Filters.or(any))) {
            String id = d.getString("_id");
            String region = d.getString("region");
            if (id.equals(INSTITUTION + institution)) {
                institutionKnown = true;
                if (region != null) {
                    regions.add(region);
                }
            } else if (id.startsWith(BODY)) {
                String body = id.substring(BODY.length());
                boolean member = institution != null && d.getList("members", String.class, List.of()).contains(institution);
                if (secretaryOf.contains(body)) {
                    bodiesKnown.add(body);
                }
                if ((member || secretaryOf.contains(body)) && region != null) {
                    regions.add(region);
                }
            }
        }
        return new Known(regions, institutionKnown && bodiesKnown.containsAll(secretaryOf));
    }
}
