package cz.souhra.query.issue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.ReadableViews;
import cz.souhra.query.common.Replay;
import cz.souhra.query.common.TextMatch;
import cz.souhra.query.common.Views;
import cz.souhra.query.common.ViewsAt;
import cz.souhra.shared.queries.IssuePage;
import cz.souhra.shared.queries.IssueQueries;
import cz.souhra.shared.queries.IssueView;
import cz.souhra.shared.queries.Viewer;
import cz.souhra.shared.queries.Page;

/**
 * The issue register, now or as of an instant. As-of replays the whole stream because measures adopted
 * in other aggregates change an issue's entry.
 */
@Component
public class IssueQueryHandler {

    private static final Set<String> SORTABLE = Set.of("observedOn", "title", "category", "status", "locality", "raisedBy", "region", "raisedRecordedAt");

    private final ViewsAt viewsAt;
    private final Replay replay;
    private final IssueProjection projection;

    public IssueQueryHandler(ViewsAt viewsAt, Replay replay, IssueProjection projection) {
        this.viewsAt = viewsAt;
        this.replay = replay;
        this.projection = projection;
    }

    @QueryHandler
    public IssueView find(IssueQueries.FindIssue q) {
        ReadableViews views = viewsAt.of(projection, q.asOf());
        IssueView v = IssueProjection.merge(views.get(IssueProjection.COLLECTION, q.issueId()),
                IssueProjection.byIssue(views.where(IssueProjection.MEASURES, "issueId", q.issueId())));
        if (v == null) {
            throw QueryRefusal.notFound(q.issueId());
        }
        return v;
    }

    /** The issue as the register knew it at {@code knownAt} about {@code validAt}: the same fold over the selected events. */
    @QueryHandler
    public IssueView find(IssueQueries.FindIssueBitemporal q) {
        ReadableViews views = replay.all(projection, q.at());
        IssueView v = IssueProjection.merge(views.get(IssueProjection.COLLECTION, q.issueId()), IssueProjection.byIssue(views.all(IssueProjection.MEASURES)));
        if (v == null) {
            throw QueryRefusal.notFound(q.issueId());
        }
        return v;
    }

    @QueryHandler
    public IssuePage list(IssueQueries.ListIssuesBitemporal q) {
        return page(q.filter(), of(replay.all(projection, q.at())));
    }

    private static List<IssueView> of(ReadableViews views) {
        List<IssueView> out = new ArrayList<>();
        Map<String, List<Document>> links = IssueProjection.byIssue(views.all(IssueProjection.MEASURES));
        views.all(IssueProjection.COLLECTION).forEach(d -> out.add(IssueProjection.merge(d, links)));
        return out;
    }

    public List<IssueView> all(Instant asOf) {
        return of(viewsAt.of(projection, asOf));
    }

    @QueryHandler
    public IssuePage list(IssueQueries.ListIssues q) {
        return page(q, all(q.asOf()));
    }

    private static IssuePage page(IssueQueries.ListIssues q, List<IssueView> all) {
        String text = TextMatch.fold(q.q());
        String locality = TextMatch.fold(q.locality());
        Viewer viewer = q.viewer() == null ? Viewer.EVERYTHING : q.viewer();
        Page<IssueView> p = Views.page(all, v -> viewer.seesIssue(v.region(), v.raisedBy()) && eq(q.category(), v.category()) && eq(q.status(), v.status()) && eq(q.region(), v.region())
                        && eq(q.institution(), v.raisedBy())
                        && (locality == null || TextMatch.fold(String.valueOf(v.locality())).contains(locality))
                        && (text == null || TextMatch.fold(v.title() + " " + v.description() + " " + v.locality()).contains(text)),
                Views.order(IssueView.class, q.sort(), "observedOn,desc", SORTABLE, "issueId"), q.page(), q.size());
        return new IssuePage(p.items(), p.total(), p.page(), p.size());
    }

    private static boolean eq(String filter, String value) {
        return filter == null || filter.equalsIgnoreCase(value);
    }
}
