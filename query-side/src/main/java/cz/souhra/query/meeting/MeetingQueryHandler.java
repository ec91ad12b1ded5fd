package cz.souhra.query.meeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;

import cz.souhra.query.common.MemoryViews;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.Replay;
import cz.souhra.query.common.Views;
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

    private static final Set<String> SORTABLE = Set.of("startsAt", "status", "place");

    private final ReadModels readModels;
    private final Replay replay;
    private final MeetingProjection projection;

    public MeetingQueryHandler(ReadModels readModels, Replay replay, MeetingProjection projection) {
        this.readModels = readModels;
        this.replay = replay;
        this.projection = projection;
    }

    @QueryHandler
    public MeetingView find(MeetingQueries.FindMeeting q) {
        MeetingView v;
        if (q.asOf() == null) {
            v = MeetingProjection.read(readModels, q.meetingId());
        } else {
            MemoryViews views = replay.all(projection, q.asOf());
            v = MeetingProjection.merge(views.get(MeetingProjection.COLLECTION, q.meetingId()), views.all(MeetingProjection.LINKS));
        }
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
    public MeetingPage ofBody(MeetingQueries.MeetingsOfBody q) {
        List<MeetingView> all = new ArrayList<>();
        if (q.asOf() == null) {
            List<Document> links = readModels.collection(MeetingProjection.LINKS).find().into(new ArrayList<>());
            readModels.collection(MeetingProjection.COLLECTION).find(Filters.eq("bodyId", q.bodyId()))
                    .forEach(d -> all.add(MeetingProjection.merge(d, links)));
        } else {
            MemoryViews views = replay.all(projection, q.asOf());
            views.all(MeetingProjection.COLLECTION).forEach(d -> all.add(MeetingProjection.merge(d, views.all(MeetingProjection.LINKS))));
        }
        Page<MeetingView> p = Views.page(all, v -> q.bodyId().equals(v.bodyId()),
                Views.order(MeetingView.class, q.sort(), "startsAt,asc", SORTABLE, "meetingId"), q.page(), q.size());
        return new MeetingPage(p.items(), p.total(), p.page(), p.size());
    }
}
