package cz.souhra.query.measure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;

import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.Replay;
import cz.souhra.query.common.TextMatch;
import cz.souhra.query.common.Views;
import cz.souhra.query.common.ViewsAt;
import cz.souhra.query.history.HistoryQueryHandler;
import cz.souhra.query.issue.IssueProjection;
import cz.souhra.query.meeting.MeetingProjection;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.HistoryQueries;
import cz.souhra.shared.queries.LineageView;
import cz.souhra.shared.queries.MeasurePage;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.Page;
import cz.souhra.shared.queries.Viewer;

/**
 * Answers the measure queries. Now = the read model; as of an instant = the events recorded up to then,
 * folded by the same {@link MeasureProjection#fold} the live projection uses. Every answer's
 * {@code overdue} is derived for the day asked about ({@link Overdue}), from the injected clock for now.
 */
@Component
public class MeasureQueryHandler {

    private static final Set<String> SORTABLE = Set.of("dueDate", "title", "owner", "status", "percent", "adoptedAt", "region", "bodyId");

    private final ReadModels readModels;
    private final ViewsAt viewsAt;
    private final Replay replay;
    private final MeasureProjection projection;
    private final HistoryQueryHandler history;
    private final Clock clock;

    public MeasureQueryHandler(ReadModels readModels, ViewsAt viewsAt, Replay replay, MeasureProjection projection, HistoryQueryHandler history,
                               Clock clock) {
        this.readModels = readModels;
        this.viewsAt = viewsAt;
        this.replay = replay;
        this.projection = projection;
        this.history = history;
        this.clock = clock;
    }

    @QueryHandler
    public MeasureView find(MeasureQueries.FindMeasure q) {
        Document d = viewsAt.ofAggregate(projection, q.measureId(), q.asOf()).get(MeasureProjection.STATUS, q.measureId());
        if (d == null) {
            throw QueryRefusal.notFound(q.measureId());
        }
        return Overdue.on(Views.fromDocument(d, MeasureView.class), Overdue.day(q.asOf(), clock));
    }

    /** The measure as the register knew it at {@code knownAt} about {@code validAt}: the same fold over the selected events. */
    @QueryHandler
    public MeasureView find(MeasureQueries.FindMeasureBitemporal q) {
        Document d = replay.aggregate(projection, q.measureId(), q.at()).get(MeasureProjection.STATUS, q.measureId());
        if (d == null) {
            throw QueryRefusal.notFound(q.measureId());
        }
        return Overdue.on(Views.fromDocument(d, MeasureView.class), Overdue.day(q.at(), clock));
    }

    @QueryHandler
    public MeasurePage list(MeasureQueries.ListMeasuresBitemporal q) {
        List<MeasureView> all = new ArrayList<>();
        java.time.LocalDate day = Overdue.day(q.at(), clock);
        replay.all(projection, q.at()).all(MeasureProjection.STATUS).forEach(d -> all.add(Overdue.on(Views.fromDocument(d, MeasureView.class), day)));
        return page(q.filter(), all);
    }

    /** Every measure now, or as it stood at {@code asOf}, overdue as of that day. */
    public List<MeasureView> all(Instant asOf) {
        List<MeasureView> all = new ArrayList<>();
        Iterable<Document> docs = viewsAt.of(projection, asOf).all(MeasureProjection.STATUS);
        java.time.LocalDate day = Overdue.day(asOf, clock);
        docs.forEach(d -> all.add(Overdue.on(Views.fromDocument(d, MeasureView.class), day)));
        return all;
    }

    /** A view the projection emitted, as a reader sees it today. */
    public MeasureView now(MeasureView emitted) {
        return Overdue.on(emitted, Overdue.today(clock));
    }

    @QueryHandler
    public MeasureView subscribe(MeasureQueries.MeasureUpdates q) {
        return find(new MeasureQueries.FindMeasure(q.measureId(), null));
    }

    @QueryHandler
    public List<HistoryEntry> history(MeasureQueries.MeasureHistory q) {
        return history.subject(new HistoryQueries.SubjectHistory(q.measureId()));
    }

    @QueryHandler
    public MeasurePage list(MeasureQueries.ListMeasures q) {
        return page(q, all(q.asOf()));
    }

    private static MeasurePage page(MeasureQueries.ListMeasures q, List<MeasureView> all) {
        Viewer viewer = q.viewer() == null ? Viewer.EVERYTHING : q.viewer();
        String text = q.q() == null || q.q().isBlank() ? null : TextMatch.fold(q.q().strip());
        Page<MeasureView> page = Views.page(all, v -> viewer.seesMeasure(v.owner(), v.bodyId())
                        && (text == null || TextMatch.fold(v.title() + " " + v.description() + " " + v.decisionBasis() + " " + v.lastNote()).contains(text))
                        && (q.owner() == null || q.owner().equals(v.owner()))
                        && (q.status() == null || q.status().equalsIgnoreCase(v.status()))
                        && (q.overdue() == null || q.overdue() == v.overdue())
                        && (q.bodyId() == null || q.bodyId().equals(v.bodyId()))
                        && (q.region() == null || q.region().equals(v.region())),
                order(q.sort()), q.page(), q.size());
        return new MeasurePage(page.items(), page.total(), page.page(), page.size());
    }

    static Comparator<MeasureView> order(String sort) {
        return Views.order(MeasureView.class, sort, "dueDate,asc", SORTABLE, "measureId");
    }

    /** Issue → agenda item → resolution → measure → progress → closure; the read models joined by id. */
    @QueryHandler
    public LineageView lineage(MeasureQueries.MeasureLineage q) {
        MeasureView measure = find(new MeasureQueries.FindMeasure(q.measureId(), null));
        List<Map<String, Object>> issues = new ArrayList<>();
        for (String issueId : measure.addresses()) {
            Document issue = readModels.collection(IssueProjection.COLLECTION).find(Filters.eq("_id", issueId)).first();
            if (issue != null) {
                issues.add(Views.toMap(IssueProjection.merge(issue,
                        IssueProjection.byIssue(readModels.collection(IssueProjection.MEASURES).find(Filters.eq("issueId", issueId))))));
            }
        }
        Document meeting = readModels.collection(MeetingProjection.COLLECTION).find(Filters.eq("_id", measure.meetingId())).first();
        Map<String, Object> adoption = new LinkedHashMap<>();
        adoption.put("meetingId", measure.meetingId());
        if (meeting != null) {
            adoption.put("bodyId", meeting.get("bodyId"));
            adoption.put("startsAt", meeting.get("startsAt"));
            adoption.put("place", meeting.get("place"));
            if (meeting.get("resolutions") instanceof List<?> list) {
                list.stream().filter(r -> r instanceof Map<?, ?> m && measure.resolutionId().equals(m.get("resolutionId")))
                        .findFirst().ifPresent(r -> {
                            adoption.put("resolution", r);
                            Object item = ((Map<?, ?>) r).get("itemId");
                            if (item != null && meeting.get("agenda") instanceof List<?> agenda) {
                                agenda.stream().filter(a -> a instanceof Map<?, ?> am && item.equals(am.get("itemId"))).findFirst()
                                        .ifPresent(a -> adoption.put("agendaItem", a));
                            }
                        });
            }
        }
        return new LineageView(issues, adoption, measure, history(new MeasureQueries.MeasureHistory(q.measureId())));
    }
}
