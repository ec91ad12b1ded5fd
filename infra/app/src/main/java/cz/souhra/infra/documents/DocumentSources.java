package cz.souhra.infra.documents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;

import cz.souhra.query.common.Views;
import cz.souhra.query.issue.IssueProjection;
import cz.souhra.query.measure.Overdue;
import cz.souhra.query.measure.MeasureProjection;
import cz.souhra.query.meeting.MeetingProjection;
import cz.souhra.shared.Actor;
import cz.souhra.shared.queries.MeasureView;

/**
 * The read models documents are made from (they are folds of the events, so nothing is typed twice),
 * and the read right: administrators and auditors see every body, a secretary the bodies they record,
 * a member institution the bodies it belongs to; issues are read within the actor's regions.
 */
@Component
class DocumentSources {

    private final MongoTemplate mongo;
    private final java.time.Clock clock;

    DocumentSources(MongoTemplate mongo, java.time.Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    Document meeting(String id) {
        return MeetingProjection.mergedDocument(mongo.getCollection(MeetingProjection.COLLECTION).find(Filters.eq("_id", id)).first(),
                mongo.getCollection(MeetingProjection.LINKS).find(Filters.eq("meetingId", id)).into(new ArrayList<>()));
    }

    Document body(String id) {
        return mongo.getCollection("bodies").find(Filters.eq("_id", id)).first();
    }

    List<Document> meetingsOfBody(String bodyId) {
        List<Document> links = mongo.getCollection(MeetingProjection.LINKS).find().into(new ArrayList<>());
        List<Document> meetings = new ArrayList<>();
        mongo.getCollection(MeetingProjection.COLLECTION).find(Filters.eq("bodyId", bodyId))
                .forEach(m -> meetings.add(MeetingProjection.mergedDocument(m, links)));
        return meetings;
    }

    List<Document> bodies() {
        return mongo.getCollection("bodies").find().into(new ArrayList<>());
    }

    List<Document> issues() {
        Map<String, List<Document>> links = IssueProjection.byIssue(mongo.getCollection(IssueProjection.MEASURES).find());
        List<Document> issues = new ArrayList<>();
        mongo.getCollection(IssueProjection.COLLECTION).find().forEach(i -> issues.add(IssueProjection.mergedDocument(i, links)));
        return issues;
    }

    /** The measures with {@code overdue} as a reader sees it today (derived as in every measure answer: {@link Overdue}). */
    List<Document> measures() {
        java.time.LocalDate today = Overdue.today(clock);
        List<Document> out = new ArrayList<>();
        mongo.getCollection(MeasureProjection.STATUS).find().forEach(d -> {
            Object due = d.get("dueDate");
            java.time.LocalDate dueDate = due == null ? null : java.time.LocalDate.parse(due.toString());
            out.add(d.append("overdue", Overdue.on(d.getString("status"), dueDate, Boolean.TRUE.equals(d.get("overdue")), today)));
        });
        return out;
    }

    /** The measures an institution is responsible for, as the read side's typed view. */
    List<MeasureView> measuresOwnedBy(String institution) {
        List<MeasureView> owned = new ArrayList<>();
        mongo.getCollection(MeasureProjection.STATUS).find(Filters.eq("owner", institution))
                .forEach(d -> owned.add(Views.fromDocument(d, MeasureView.class)));
        return owned;
    }

    Map<String, String> institutionNames() {
        Map<String, String> names = new HashMap<>();
        mongo.getCollection("institutions").find().forEach(d -> names.put(String.valueOf(d.get("_id")), d.getString("name")));
        return names;
    }

    /** Issues are a region's: read by those who act in it (and the institution that raised one), admins and auditors. */
    boolean seesIssue(Actor actor, Document issue) {
        return actor.has(Actor.Role.ADMIN) || actor.has(Actor.Role.AUDITOR) || actor.regions().contains(issue.getString("region"))
                || actor.actsFor(issue.getString("raisedBy"));
    }

    boolean sees(Actor actor, String bodyId) {
        if (actor.has(Actor.Role.ADMIN) || actor.has(Actor.Role.AUDITOR) || actor.isSecretaryOf(bodyId)) {
            return true;
        }
        Document body = body(bodyId);
        return body != null && actor.institution() != null && body.getList("members", String.class, List.of()).contains(actor.institution());
    }
}
