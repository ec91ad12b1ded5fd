package cz.souhra.query.body;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.Views;
import cz.souhra.query.common.ViewsAt;
import cz.souhra.shared.model.CzechTime;
import cz.souhra.query.meeting.MeetingProjection;
import cz.souhra.shared.queries.BodyPage;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.DirectoryQueries;
import cz.souhra.shared.queries.InstitutionPage;
import cz.souhra.shared.queries.InstitutionView;
import cz.souhra.shared.queries.Page;

/**
 * Institutions and bodies, now or as of an instant. A body's last meeting and whether it is overdue
 * ({@link MeetingRhythm}) are derived when read, from the meetings' read model and the day asked about
 * (the as-of instant's day, or today by the clock).
 */
@Component
public class DirectoryQueryHandler {

    private final ReadModels readModels;
    private final ViewsAt viewsAt;
    private final DirectoryProjection projection;
    private final Clock clock;

    public DirectoryQueryHandler(ReadModels readModels, ViewsAt viewsAt, DirectoryProjection projection, Clock clock) {
        this.readModels = readModels;
        this.viewsAt = viewsAt;
        this.projection = projection;
        this.clock = clock;
    }

    /** Body id to the instant its latest meeting was convened, counting meetings convened by {@code asOf} (null: all). */
    private Map<String, Instant> lastMeetings(Instant asOf) {
        Map<String, Instant> last = new HashMap<>();
        readModels.collection(MeetingProjection.COLLECTION).find(Filters.exists("convenedAt"))
                .projection(Projections.include("bodyId", "convenedAt")).forEach(d -> {
                    Object at = d.get("convenedAt");
                    if (at == null || d.getString("bodyId") == null) {
                        return;
                    }
                    Instant convened = Instant.parse(at.toString());
                    if (asOf == null || !convened.isAfter(asOf)) {
                        last.merge(d.getString("bodyId"), convened, (a, b) -> a.isAfter(b) ? a : b);
                    }
                });
        return last;
    }

    private List<BodyView> withRhythm(List<BodyView> bodies, Instant asOf) {
        Map<String, Instant> last = lastMeetings(asOf);
        LocalDate day = LocalDate.ofInstant(asOf == null ? clock.instant() : asOf, CzechTime.ZONE);
        List<BodyView> out = new ArrayList<>(bodies.size());
        for (BodyView b : bodies) {
            Instant lastMeeting = last.get(b.bodyId());
            out.add(b.derived(lastMeeting, MeetingRhythm.overdue(b.meetingsPerYear(), b.dissolved(), lastMeeting, b.establishedAt(), day)));
        }
        return out;
    }

    private <T> List<T> all(String collection, Instant asOf, Class<T> type) {
        List<T> out = new ArrayList<>();
        Iterable<Document> docs = viewsAt.of(projection, asOf).all(collection);
        docs.forEach(d -> out.add(Views.fromDocument(d, type)));
        return out;
    }

    @QueryHandler
    public InstitutionPage institutions(DirectoryQueries.ListInstitutions q) {
        String text = q.q() == null ? null : q.q().toLowerCase(Locale.ROOT);
        Page<InstitutionView> p = Views.page(all(DirectoryProjection.INSTITUTIONS, q.asOf(), InstitutionView.class),
                v -> (q.region() == null || q.region().equals(v.region())) && (q.kind() == null || q.kind().equalsIgnoreCase(v.kind()))
                        && (text == null || (v.code() + " " + v.name()).toLowerCase(Locale.ROOT).contains(text)),
                Views.order(InstitutionView.class, q.sort(), "name,asc", Set.of("name", "code", "kind", "region"), "code"), q.page(), q.size());
        return new InstitutionPage(p.items(), p.total(), p.page(), p.size());
    }

    @QueryHandler
    public BodyPage bodies(DirectoryQueries.ListBodies q) {
        Page<BodyView> p = Views.page(withRhythm(all(DirectoryProjection.BODIES, q.asOf(), BodyView.class), q.asOf()),
                v -> (q.region() == null || q.region().equals(v.region())) && (q.kind() == null || q.kind().equalsIgnoreCase(v.kind())),
                Views.order(BodyView.class, q.sort(), "name,asc", Set.of("name", "kind", "region"), "bodyId"), q.page(), q.size());
        return new BodyPage(p.items(), p.total(), p.page(), p.size());
    }

    @QueryHandler
    public BodyView body(DirectoryQueries.FindBody q) {
        Document d = viewsAt.ofAggregate(projection, q.bodyId(), q.asOf()).get(DirectoryProjection.BODIES, q.bodyId());
        if (d == null) {
            throw QueryRefusal.notFound(q.bodyId());
        }
        return withRhythm(List.of(Views.fromDocument(d, BodyView.class)), q.asOf()).get(0);
    }
}
