package cz.souhra.query.body;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.MemoryViews;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.Replay;
import cz.souhra.query.common.Views;
import cz.souhra.shared.queries.BodyPage;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.DirectoryQueries;
import cz.souhra.shared.queries.InstitutionPage;
import cz.souhra.shared.queries.InstitutionView;
import cz.souhra.shared.queries.Page;

/** Institutions and bodies, now or as of an instant. */
@Component
public class DirectoryQueryHandler {

    private final ReadModels readModels;
    private final Replay replay;
    private final DirectoryProjection projection;

    public DirectoryQueryHandler(ReadModels readModels, Replay replay, DirectoryProjection projection) {
        this.readModels = readModels;
        this.replay = replay;
        this.projection = projection;
    }

    private <T> List<T> all(String collection, Instant asOf, Class<T> type) {
        List<T> out = new ArrayList<>();
        Iterable<Document> docs = asOf == null ? readModels.collection(collection).find() : replay.all(projection, asOf).all(collection);
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
        Page<BodyView> p = Views.page(all(DirectoryProjection.BODIES, q.asOf(), BodyView.class),
                v -> (q.region() == null || q.region().equals(v.region())) && (q.kind() == null || q.kind().equalsIgnoreCase(v.kind())),
                Views.order(BodyView.class, q.sort(), "name,asc", Set.of("name", "kind", "region"), "bodyId"), q.page(), q.size());
        return new BodyPage(p.items(), p.total(), p.page(), p.size());
    }

    @QueryHandler
    public BodyView body(DirectoryQueries.FindBody q) {
        Document d;
        if (q.asOf() == null) {
            d = readModels.collection(DirectoryProjection.BODIES).find(com.mongodb.client.model.Filters.eq("_id", q.bodyId())).first();
        } else {
            MemoryViews views = replay.aggregate(projection, q.bodyId(), q.asOf());
            d = views.get(DirectoryProjection.BODIES, q.bodyId());
        }
        if (d == null) {
            throw QueryRefusal.notFound(q.bodyId());
        }
        return Views.fromDocument(d, BodyView.class);
    }
}
