package cz.souhra.query.issue;

import cz.souhra.shared.events.issue.IssueEvent;
import cz.souhra.query.common.FoldsEventsOf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.LiveProjection;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.ViewLookup;
import cz.souhra.query.common.Views;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.queries.IssueView;

/**
 * Writes {@code issue_register} (an issue's own events) and {@code issue_measures} (one link per measure
 * that addresses an issue). A link's id is made of what it connects, so it is written once, in whatever
 * order a split processor's segments see the measure and the issue; the register is merged with its
 * links when read ({@link #merge}).
 */
@FoldsEventsOf(IssueEvent.class)
@Component
@ProcessingGroup(IssueProjection.GROUP)
public class IssueProjection extends LiveProjection {

    public static final String GROUP = "issues";
    public static final String COLLECTION = "issue_register";
    public static final String MEASURES = "issue_measures";


    public IssueProjection(MongoTemplate mongo) {
        super(new ReadModels(mongo), GROUP, COLLECTION, MEASURES);
    }

    @Override
    public List<Write> fold(ViewLookup views, Object event, EventMeta m) {
        List<Write> out = new ArrayList<>();
        if (event instanceof MeasureAdoptedEvent e) {
            for (var issue : e.addresses()) {
                String id = issue + "/" + e.measureId();
                if (views.get(MEASURES, id) == null) {
                    out.add(new Write(MEASURES, new Document("_id", id).append("issueId", issue.value()).append("measureId", e.measureId().value())
                            .append("recordedAt", m.recordedAt().toString())));
                }
            }
        } else if (m.aggregateId() != null && IssueFold.isIssueEvent(event)) {
            // only the issue's own events: looking up the register for a measure's event cost a store read each
            changed(views.get(COLLECTION, m.aggregateId()), event, m, out);
        }
        return out;
    }

    @Override
    public List<Read> reads(Object event, EventMeta m) {
        if (event instanceof MeasureAdoptedEvent e) {
            return e.addresses().stream().map(issue -> new Read(MEASURES, issue + "/" + e.measureId())).toList();
        }
        return m.aggregateId() != null && IssueFold.isIssueEvent(event) ? List.of(new Read(COLLECTION, m.aggregateId())) : List.of();
    }

    private static void changed(Document current, Object event, EventMeta m, List<Write> out) {
        Document next = IssueFold.apply(current, event, m);
        if (next != null && next != current && !Views.sameContent(next, current)) {
            out.add(new Write(COLLECTION, next));
        }
    }

    /** The register entry as readers see it: with the measures that address the issue, in the order they were adopted. */
    public static IssueView merge(Document issue, Map<String, List<Document>> linksByIssue) {
        Document d = mergedDocument(issue, linksByIssue);
        return d == null ? null : Views.fromDocument(d, IssueView.class);
    }

    /** {@link #merge} as a document, for readers that export the stored shape (CSV). */
    public static Document mergedDocument(Document issue, Map<String, List<Document>> linksByIssue) {
        if (issue == null) {
            return null;
        }
        List<String> measures = linksByIssue.getOrDefault(issue.getString("_id"), List.of()).stream()
                .sorted(Comparator.comparing((Document l) -> l.getString("recordedAt")).thenComparing(l -> l.getString("measureId")))
                .map(l -> l.getString("measureId")).toList();
        return new Document(issue).append("measures", measures);
    }

    public static Map<String, List<Document>> byIssue(Iterable<Document> links) {
        Map<String, List<Document>> out = new HashMap<>();
        links.forEach(l -> out.computeIfAbsent(l.getString("issueId"), k -> new ArrayList<>()).add(l));
        return out;
    }
}
