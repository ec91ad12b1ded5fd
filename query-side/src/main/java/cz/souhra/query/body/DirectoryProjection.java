package cz.souhra.query.body;

import cz.souhra.shared.events.body.BodyEvent;
import cz.souhra.shared.events.institution.InstitutionEvent;
import cz.souhra.query.common.FoldsEventsOf;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.axonframework.config.ProcessingGroup;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.LiveProjection;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.ViewLookup;
import cz.souhra.shared.events.body.BodyDissolvedEvent;
import cz.souhra.shared.events.body.BodyEstablishedEvent;
import cz.souhra.shared.events.body.MemberAdmittedEvent;
import cz.souhra.shared.events.body.MemberRemovedEvent;
import cz.souhra.shared.events.body.SecretaryAppointedEvent;
import cz.souhra.shared.events.body.SecretaryRemovedEvent;
import cz.souhra.shared.events.institution.InstitutionRegisteredEvent;
import cz.souhra.shared.events.institution.InstitutionRenamedEvent;
import cz.souhra.shared.events.institution.InstitutionRetiredEvent;

/**
 * Institutions ({@code institutions}) and bodies with their members and secretaries ({@code bodies}).
 * Each document remembers the last aggregate sequence applied ({@code version}), so a redelivered event
 * is skipped.
 */
@FoldsEventsOf({BodyEvent.class, InstitutionEvent.class})
@Component
@ProcessingGroup(DirectoryProjection.GROUP)
public class DirectoryProjection extends LiveProjection {

    public static final String GROUP = "directory";
    public static final String INSTITUTIONS = "institutions";
    public static final String BODIES = "bodies";


    public DirectoryProjection(MongoTemplate mongo) {
        super(new ReadModels(mongo), GROUP, INSTITUTIONS, BODIES);
    }

    @Override
    public List<Write> fold(ViewLookup views, Object event, EventMeta m) {
        if (event instanceof InstitutionRegisteredEvent e) {
            return change(views, INSTITUTIONS, m, true, d -> d.append("code", e.institutionId().value()).append("region", e.region().value())
                    .append("kind", e.kind().name()).append("name", e.name()).append("retired", false).append("registeredAt", m.recordedAt().toString()));
        } else if (event instanceof InstitutionRenamedEvent e) {
            return change(views, INSTITUTIONS, m, false, d -> d.append("name", e.name()));
        } else if (event instanceof InstitutionRetiredEvent e) {
            return change(views, INSTITUTIONS, m, false, d -> d.append("retired", true).append("retiredReason", e.reason()));
        } else if (event instanceof BodyEstablishedEvent e) {
            return change(views, BODIES, m, true, d -> d.append("bodyId", e.bodyId().value()).append("region", e.region().value())
                    .append("kind", e.kind().name()).append("name", e.name()).append("meetingsPerYear", e.meetingsPerYear())
                    .append("establishedAt", m.recordedAt().toString())
                    .append("quorumPercent", e.quorum().percent()).append("quorumStrictlyMore", e.quorum().strictlyMore())
                    .append("members", new ArrayList<String>()).append("secretaries", new ArrayList<String>()).append("dissolved", false));
        } else if (event instanceof MemberAdmittedEvent e) {
            return change(views, BODIES, m, false, d -> d.append("members", add(d.getList("members", String.class), e.institutionId().value())));
        } else if (event instanceof MemberRemovedEvent e) {
            return change(views, BODIES, m, false, d -> {
                List<String> members = new ArrayList<>(d.getList("members", String.class, List.of()));
                members.remove(e.institutionId().value());
                return d.append("members", members);
            });
        } else if (event instanceof SecretaryAppointedEvent e) {
            return change(views, BODIES, m, false, d -> d.append("secretaries", add(d.getList("secretaries", String.class), e.user())));
        } else if (event instanceof SecretaryRemovedEvent e) {
            return change(views, BODIES, m, false, d -> {
                List<String> secretaries = new ArrayList<>(d.getList("secretaries", String.class, List.of()));
                secretaries.remove(e.user());
                return d.append("secretaries", secretaries);
            });
        } else if (event instanceof BodyDissolvedEvent e) {
            return change(views, BODIES, m, false, d -> d.append("dissolved", true).append("dissolvedReason", e.reason()));
        }
        return List.of();
    }

    private static List<String> add(List<String> list, String value) {
        List<String> out = new ArrayList<>(list == null ? List.of() : list);
        if (!out.contains(value)) {
            out.add(value);
        }
        return out;
    }

    private static List<Write> change(ViewLookup views, String collection, EventMeta m, boolean creates, UnaryOperator<Document> change) {
        Document current = views.get(collection, m.aggregateId());
        if (current == null ? !creates : ((Number) current.get("version")).longValue() >= m.sequence()) {
            return List.of();
        }
        Document next = change.apply(current == null ? new Document("_id", m.aggregateId()) : new Document(current));
        next.append("version", m.sequence()).append("lastRecordedAt", m.recordedAt().toString());
        return List.of(new Write(collection, next));
    }
}
