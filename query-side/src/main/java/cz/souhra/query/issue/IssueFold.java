package cz.souhra.query.issue;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import cz.souhra.query.common.EventMeta;
import cz.souhra.shared.events.issue.IssueLinkedToAgendaItemEvent;
import cz.souhra.shared.events.issue.IssueRaisedEvent;
import cz.souhra.shared.events.issue.IssueRecategorisedEvent;
import cz.souhra.shared.events.issue.IssueReopenedEvent;
import cz.souhra.shared.events.issue.IssueResolvedEvent;

/** The issue register entry as a pure function of the issue's own events (measures addressing it are links, see {@link IssueProjection}). */
public final class IssueFold {

    private IssueFold() {}

    /** Events of the issue aggregate, all of which live in the issue events' package. */
    public static boolean isIssueEvent(Object event) {
        return event.getClass().getPackageName().equals(IssueRaisedEvent.class.getPackageName());
    }

    public static Document apply(Document current, Object event, EventMeta m) {
        if (current != null && ((Number) current.get("version")).longValue() >= m.sequence()) {
            return current;
        }
        if (event instanceof IssueRaisedEvent e) {
            return new Document("_id", e.issueId().value()).append("issueId", e.issueId().value()).append("region", e.region().value())
                    .append("category", e.category().name()).append("title", e.title()).append("description", e.description())
                    .append("locality", e.locality()).append("raisedBy", e.raisedBy().value()).append("observedOn", e.observedOn().toString())
                    .append("raisedAt", e.raisedAt() == null ? null : e.raisedAt().value()).append("status", "OPEN")
                    .append("links", new ArrayList<>())
                    .append("raisedRecordedAt", m.recordedAt().toString()).append("version", m.sequence()).append("lastRecordedAt", m.recordedAt().toString());
        }
        if (current == null) {
            return null;
        }
        Document d = new Document(current);
        if (((Number) d.get("version")).longValue() >= m.sequence()) {
            return current;
        }
        if (event instanceof IssueRecategorisedEvent e) {
            d.append("category", e.category().name());
        } else if (event instanceof IssueLinkedToAgendaItemEvent e) {
            List<Object> links = new ArrayList<>(d.getList("links", Object.class, List.of()));
            links.add(new Document("meetingId", e.meetingId().value()).append("itemId", e.itemId().value()));
            d.append("links", links);
        } else if (event instanceof IssueResolvedEvent e) {
            d.append("status", "RESOLVED").append("resolution", e.reason()).append("resolvedOn", e.resolvedOn() == null ? null : e.resolvedOn().toString());
        } else if (event instanceof IssueReopenedEvent e) {
            d.append("status", "OPEN").append("reopenReason", e.reason());
        } else {
            return current;
        }
        return d.append("version", m.sequence()).append("lastRecordedAt", m.recordedAt().toString());
    }
}
