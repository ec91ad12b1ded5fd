package cz.souhra.infra.documents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;

import cz.souhra.query.meeting.MeetingProjection;
import cz.souhra.shared.Actor;

/**
 * The read models documents are made from (they are folds of the events, so nothing is typed twice),
 * and the read right: administrators and auditors see every body, a secretary the bodies they record,
 * a member institution the bodies it belongs to.
 */
@Component
class DocumentSources {

    private final MongoTemplate mongo;

    DocumentSources(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The meeting with the measures adopted at it. Those are kept as link documents merged at read time
     * (they come from Measure events, possibly in another processing segment), so the stored view alone
     * lacks them: the minutes listed no measures.
     */
    Document meeting(String id) {
        Document view = mongo.getCollection(MeetingProjection.COLLECTION).find(Filters.eq("_id", id)).first();
        if (view == null) {
            return null;
        }
        List<Document> links = mongo.getCollection(MeetingProjection.LINKS).find(Filters.eq("meetingId", id)).into(new ArrayList<>());
        Document merged = new Document(view);
        merged.put("measures", MeetingProjection.merge(view, links).measures().stream()
                .map(m -> new Document("measureId", m.measureId()).append("resolutionId", m.resolutionId()).append("title", m.title())
                        .append("owner", m.owner()).append("dueDate", m.dueDate()))
                .toList());
        return merged;
    }

    Document body(String id) {
        return mongo.getCollection("bodies").find(Filters.eq("_id", id)).first();
    }

    List<Document> meetingsOfBody(String bodyId) {
        return mongo.getCollection("meeting_view").find(Filters.eq("bodyId", bodyId)).into(new ArrayList<>());
    }

    List<Document> bodies() {
        return mongo.getCollection("bodies").find().into(new ArrayList<>());
    }

    List<Document> issues() {
        return mongo.getCollection("issue_register").find().into(new ArrayList<>());
    }

    List<Document> measures() {
        return mongo.getCollection("measure_status").find().into(new ArrayList<>());
    }

    Map<String, String> institutionNames() {
        Map<String, String> names = new HashMap<>();
        mongo.getCollection("institutions").find().forEach(d -> names.put(String.valueOf(d.get("_id")), d.getString("name")));
        return names;
    }

    boolean sees(Actor actor, String bodyId) {
        if (actor.has(Actor.Role.ADMIN) || actor.has(Actor.Role.AUDITOR) || actor.isSecretaryOf(bodyId)) {
            return true;
        }
        Document body = body(bodyId);
        return body != null && actor.institution() != null && body.getList("members", String.class, List.of()).contains(actor.institution());
    }
}
