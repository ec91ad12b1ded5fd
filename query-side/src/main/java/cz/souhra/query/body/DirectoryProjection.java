package cz.souhra.query.body;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import cz.souhra.query.common.EventMeta;
import cz.souhra.shared.events.body.BodyDissolvedEvent;
import cz.souhra.shared.events.body.BodyEstablishedEvent;
import cz.souhra.shared.events.body.MemberAdmittedEvent;
import cz.souhra.shared.events.body.MemberRemovedEvent;
import cz.souhra.shared.events.body.SecretaryAppointedEvent;
import cz.souhra.shared.events.institution.InstitutionRegisteredEvent;
import cz.souhra.shared.events.institution.InstitutionRenamedEvent;
import cz.souhra.shared.events.institution.InstitutionRetiredEvent;

/**
 * Institutions ({@code institutions}) and bodies with their members and secretaries ({@code bodies}).
 * Each document remembers the last aggregate sequence applied, so a redelivered event is skipped.
 */
@Component
@ProcessingGroup("directory")
public class DirectoryProjection {

    private final MongoCollection<Document> institutions;
    private final MongoCollection<Document> bodies;

    public DirectoryProjection(MongoTemplate mongo) {
        this.institutions = mongo.getCollection("institutions");
        this.bodies = mongo.getCollection("bodies");
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        EventMeta m = EventMeta.of(message);
        if (event instanceof InstitutionRegisteredEvent e) {
            upsert(institutions, m, d -> d.append("code", e.institutionId().value()).append("region", e.region().value())
                    .append("kind", e.kind().name()).append("name", e.name()).append("retired", false).append("registeredAt", m.recordedAt().toString()));
        } else if (event instanceof InstitutionRenamedEvent e) {
            upsert(institutions, m, d -> d.append("name", e.name()));
        } else if (event instanceof InstitutionRetiredEvent e) {
            upsert(institutions, m, d -> d.append("retired", true).append("retiredReason", e.reason()));
        } else if (event instanceof BodyEstablishedEvent e) {
            upsert(bodies, m, d -> d.append("bodyId", e.bodyId().value()).append("region", e.region().value()).append("kind", e.kind().name())
                    .append("name", e.name()).append("cadence", e.cadence()).append("quorumPercent", e.quorum().percent())
                    .append("quorumStrictlyMore", e.quorum().strictlyMore()).append("members", new ArrayList<String>())
                    .append("secretaries", new ArrayList<String>()).append("dissolved", false));
        } else if (event instanceof MemberAdmittedEvent e) {
            upsert(bodies, m, d -> d.append("members", add(d.getList("members", String.class), e.institutionId().value())));
        } else if (event instanceof MemberRemovedEvent e) {
            upsert(bodies, m, d -> {
                List<String> members = new ArrayList<>(d.getList("members", String.class, List.of()));
                members.remove(e.institutionId().value());
                return d.append("members", members);
            });
        } else if (event instanceof SecretaryAppointedEvent e) {
            upsert(bodies, m, d -> d.append("secretaries", add(d.getList("secretaries", String.class), e.user())));
        } else if (event instanceof BodyDissolvedEvent e) {
            upsert(bodies, m, d -> d.append("dissolved", true).append("dissolvedReason", e.reason()));
        }
    }

    private static List<String> add(List<String> list, String value) {
        List<String> out = new ArrayList<>(list == null ? List.of() : list);
        if (!out.contains(value)) {
            out.add(value);
        }
        return out;
    }

    private static void upsert(MongoCollection<Document> c, EventMeta m, java.util.function.UnaryOperator<Document> change) {
        Document current = c.find(Filters.eq("_id", m.aggregateId())).first();
        if (current != null && current.get("version", Number.class).longValue() >= m.sequence()) {
            return;
        }
        Document next = change.apply(current == null ? new Document("_id", m.aggregateId()) : new Document(current));
        next.append("version", m.sequence()).append("lastRecordedAt", m.recordedAt().toString());
        c.replaceOne(Filters.eq("_id", m.aggregateId()), next, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        institutions.deleteMany(new Document());
        bodies.deleteMany(new Document());
    }

    public List<Map<String, Object>> allBodies() {
        List<Map<String, Object>> out = new ArrayList<>();
        bodies.find().forEach(out::add);
        return out;
    }

    public List<Map<String, Object>> allInstitutions() {
        List<Map<String, Object>> out = new ArrayList<>();
        institutions.find().forEach(out::add);
        return out;
    }

    public Document body(String id) {
        return bodies.find(Filters.eq("_id", id)).first();
    }
}
