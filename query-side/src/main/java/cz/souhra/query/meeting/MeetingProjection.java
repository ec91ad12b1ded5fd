package cz.souhra.query.meeting;

import cz.souhra.shared.events.meeting.MeetingEvent;
import cz.souhra.query.common.FoldsEventsOf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;

import cz.souhra.query.common.BatchedViews;
import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.LiveProjection;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.ViewLookup;
import cz.souhra.query.common.Views;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.meeting.AgendaItemCarriedOverEvent;
import cz.souhra.shared.queries.MeetingQueries;
import cz.souhra.shared.queries.MeetingView;

/**
 * Writes {@code meeting_view} (a meeting's own events) and {@code meeting_links} (what other aggregates
 * say about a meeting: a measure adopted at it, an item carried on from it to a later meeting). Links
 * have ids made of what they connect, so they are written once and in any order; that keeps the read
 * model equal whichever segment of a split processor sees the measure or the later meeting first.
 * Views and links are merged when read ({@link #merge}). Unchanged documents are not written, so a
 * redelivered event neither writes nor notifies.
 */
@FoldsEventsOf(MeetingEvent.class)
@Component
@ProcessingGroup(MeetingProjection.GROUP)
public class MeetingProjection extends LiveProjection {

    public static final String GROUP = "meetings";
    public static final String COLLECTION = "meeting_view";
    public static final String LINKS = "meeting_links";

    private final QueryUpdateEmitter emitter;

    public MeetingProjection(MongoTemplate mongo, QueryUpdateEmitter emitter) {
        super(new ReadModels(mongo), GROUP, COLLECTION, LINKS);
        this.emitter = emitter;
    }

    @Override
    public List<Write> fold(ViewLookup views, Object event, EventMeta m) {
        List<Write> out = new ArrayList<>();
        if (event instanceof MeasureAdoptedEvent e) {
            link(views, out, new Document("_id", e.meetingId() + "/measure/" + e.measureId()).append("meetingId", e.meetingId().value())
                    .append("kind", "measure").append("measureId", e.measureId().value()).append("resolutionId", e.resolutionId().value())
                    .append("title", e.title()).append("owner", e.owner().value()).append("dueDate", e.dueDate().toString())
                    .append("recordedAt", m.recordedAt().toString()));
            return out;
        }
        if (event instanceof AgendaItemCarriedOverEvent e) {
            link(views, out, new Document("_id", e.fromMeetingId() + "/carriedTo/" + e.fromItemId()).append("meetingId", e.fromMeetingId().value())
                    .append("kind", "carriedTo").append("itemId", e.fromItemId().value()).append("to", e.meetingId().value())
                    .append("recordedAt", m.recordedAt().toString()));
        }
        if (!MeetingFold.isMeetingEvent(event)) {
            // A measure's or an issue's event: no meeting view has its id, and looking costs a store read.
            return out;
        }
        MeetingFold.apply(id -> views.get(COLLECTION, id), event, m).forEach((id, doc) -> {
            Document current = views.get(COLLECTION, id);
            if (current == null || !Views.sameContent(current, doc)) {
                out.add(new Write(COLLECTION, doc));
            }
        });
        return out;
    }

    private static void link(ViewLookup views, List<Write> out, Document link) {
        if (views.get(LINKS, link.getString("_id")) == null) {
            out.add(new Write(LINKS, link));
        }
    }

    /** The meeting as readers see it: its own view with the measures adopted at it and where its items were carried on. */
    public static MeetingView merge(Document view, List<Document> links) {
        Document d = mergedDocument(view, links);
        return d == null ? null : Views.fromDocument(d, MeetingView.class);
    }

    /** {@link #merge} as a document, for readers that render the stored shape (minutes, calendars). */
    @SuppressWarnings("unchecked")
    public static Document mergedDocument(Document view, List<Document> links) {
        if (view == null) {
            return null;
        }
        Document d = new Document(view);
        List<Document> sorted = links.stream().filter(l -> view.get("_id").equals(l.get("meetingId")))
                .sorted(Comparator.comparing((Document l) -> l.getString("recordedAt")).thenComparing(l -> l.getString("_id"))).toList();
        List<Document> measures = new ArrayList<>();
        List<Object> agenda = new ArrayList<>();
        for (Object o : view.getList("agenda", Object.class, List.of())) {
            agenda.add(new Document((Map<String, Object>) o));
        }
        for (Document l : sorted) {
            if ("measure".equals(l.get("kind"))) {
                measures.add(new Document("measureId", l.get("measureId")).append("resolutionId", l.get("resolutionId")).append("title", l.get("title"))
                        .append("owner", l.get("owner")).append("dueDate", l.get("dueDate")));
            } else if ("carriedTo".equals(l.get("kind"))) {
                agenda.stream().map(a -> (Document) a).filter(a -> l.get("itemId").equals(a.get("itemId"))).forEach(a -> a.put("carriedTo", l.get("to")));
            }
        }
        d.put("measures", measures);
        d.put("agenda", agenda);
        return d;
    }

    /** The merged view of one meeting as stored now. */
    public static MeetingView read(ReadModels readModels, String meetingId) {
        Document view = readModels.collection(COLLECTION).find(Filters.eq("_id", meetingId)).first();
        return merge(view, readModels.collection(LINKS).find(Filters.eq("meetingId", meetingId)).into(new ArrayList<>()));
    }

    @Override
    protected void changed(List<Write> writes) {
        Set<String> touched = new LinkedHashSet<>();
        for (Write w : writes) {
            touched.add(w.collection().equals(LINKS) ? w.document().getString("meetingId") : w.id());
        }
        for (String id : touched) {
            // the merged view is read back from the store, so only once the batch's writes are there
            BatchedViews.afterStored("meeting-updates/" + id, () -> {
                MeetingView view = read(readModels(), id);
                if (view != null) {
                    emitter.emit(MeetingQueries.MeetingUpdates.class, q -> q.meetingId().equals(id), view);
                }
            });
        }
    }
}
