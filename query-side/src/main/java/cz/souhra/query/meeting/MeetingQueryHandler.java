package cz.souhra.query.meeting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;

import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.ReadableViews;
import cz.souhra.query.common.Views;
import cz.souhra.query.common.ViewsAt;
import cz.souhra.query.measure.MeasureProjection;
import cz.souhra.shared.queries.CarryOverProposal;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.MeetingPage;
import cz.souhra.shared.queries.MeetingQueries;
import cz.souhra.shared.queries.MeetingView;
import cz.souhra.shared.queries.Page;

/**
 * Meetings now or as of an instant. As-of replays the whole stream: measures adopted and items carried
 * over from other aggregates change a meeting's view.
 */
@Component
public class MeetingQueryHandler {

    /** A completed measure is still carried: the next meeting verifies it. */
    private static final Set<String> CLOSED_MEASURE = Set.of("VERIFIED", "CANCELLED", "SUPERSEDED");
    private static final Set<String> SORTABLE = Set.of("startsAt", "status", "place");

    private final ReadModels readModels;
    private final ViewsAt viewsAt;
    private final MeetingProjection projection;

    public MeetingQueryHandler(ReadModels readModels, ViewsAt viewsAt, MeetingProjection projection) {
        this.readModels = readModels;
        this.viewsAt = viewsAt;
        this.projection = projection;
    }

    @QueryHandler
    public MeetingView find(MeetingQueries.FindMeeting q) {
        ReadableViews views = viewsAt.of(projection, q.asOf());
        MeetingView v = MeetingProjection.merge(views.get(MeetingProjection.COLLECTION, q.meetingId()),
                views.where(MeetingProjection.LINKS, "meetingId", q.meetingId()));
        if (v == null) {
            throw QueryRefusal.notFound(q.meetingId());
        }
        return v;
    }

    @QueryHandler
    public MeetingView initial(MeetingQueries.MeetingUpdates q) {
        return find(new MeetingQueries.FindMeeting(q.meetingId(), null));
    }

    @QueryHandler
    public CarryOverProposal proposeCarryOver(MeetingQueries.ProposeCarryOver q) {
        MeetingView m = find(new MeetingQueries.FindMeeting(q.meetingId(), null));
        List<MeetingView> earlier = ofBody(new MeetingQueries.MeetingsOfBody(m.bodyId(), null, 0, Integer.MAX_VALUE, null)).items().stream()
                .filter(o -> !o.meetingId().equals(m.meetingId()) && !"CANCELLED".equals(o.status()) && o.startsAt().compareTo(m.startsAt()) < 0)
                .toList();
        if (earlier.isEmpty()) {
            return new CarryOverProposal(m.meetingId(), null, null, List.of(), List.of());
        }
        MeetingView from = earlier.stream().max(Comparator.comparing(MeetingView::startsAt)).orElseThrow();
        List<CarryOverProposal.Item> items = new ArrayList<>();
        for (MeetingView.AgendaItem i : Objects.requireNonNullElse(from.agenda(), List.<MeetingView.AgendaItem>of())) {
            if (!Boolean.TRUE.equals(i.concluded()) && !m.meetingId().equals(i.carriedTo())) {
                items.add(new CarryOverProposal.Item(i.itemId(), i.title(), i.presenter()));
            }
        }
        Set<String> already = new HashSet<>();
        Objects.requireNonNullElse(m.carriedMeasures(), List.<MeetingView.CarriedMeasure>of()).forEach(c -> already.add(c.measureId()));
        Set<String> ids = new LinkedHashSet<>();
        Objects.requireNonNullElse(from.measures(), List.<MeetingView.AdoptedMeasure>of()).forEach(a -> ids.add(a.measureId()));
        Objects.requireNonNullElse(from.carriedMeasures(), List.<MeetingView.CarriedMeasure>of()).forEach(c -> ids.add(c.measureId()));
        List<CarryOverProposal.Measure> measures = new ArrayList<>();
        for (String id : ids) {
            Document d = already.contains(id) ? null : readModels.collection(MeasureProjection.STATUS).find(Filters.eq("_id", id)).first();
            MeasureView v = d == null ? null : Views.fromDocument(d, MeasureView.class);
            if (v != null && !CLOSED_MEASURE.contains(v.status())) {
                measures.add(new CarryOverProposal.Measure(id, v.title(), v.owner(), v.status(), v.dueDate() == null ? null : String.valueOf(v.dueDate())));
            }
        }
        return new CarryOverProposal(m.meetingId(), from.meetingId(), from.startsAt(), items, measures);
    }

    @QueryHandler
    public MeetingPage minutesToVerify(MeetingQueries.MinutesToVerify q) {
        List<MeetingView> out = new ArrayList<>();
        if (q.institution() != null) {
            readModels.collection(MeetingProjection.COLLECTION).find(Filters.exists("minutesApproval", true)).forEach(d -> {
                        MeetingView m = MeetingProjection.merge(d, List.of());
                        MeetingView.MinutesApproval a = m.minutesApproval();
                        if (a != null && "IN_VERIFICATION".equals(a.status())
                                && a.verifiers().stream().anyMatch(v -> q.institution().equals(v.institution()) && !"CONFIRMED".equals(v.state()))) {
                            out.add(m);
                        }
                    });
        }
        out.sort(Comparator.comparing((MeetingView m) -> m.minutesApproval().deadline()).thenComparing(MeetingView::meetingId));
        return new MeetingPage(out, out.size(), 0, out.size());
    }

    @QueryHandler
    public MeetingPage ofBody(MeetingQueries.MeetingsOfBody q) {
        List<MeetingView> all = new ArrayList<>();
        ReadableViews views = viewsAt.of(projection, q.asOf());
        List<Document> links = views.all(MeetingProjection.LINKS);
        views.where(MeetingProjection.COLLECTION, "bodyId", q.bodyId()).forEach(d -> all.add(MeetingProjection.merge(d, links)));
        Page<MeetingView> p = Views.page(all, v -> q.bodyId().equals(v.bodyId()),
                Views.order(MeetingView.class, q.sort(), "startsAt,asc", SORTABLE, "meetingId"), q.page(), q.size());
        return new MeetingPage(p.items(), p.total(), p.page(), p.size());
    }
}
