package cz.souhra.query.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;

import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.Views;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.HistoryPage;
import cz.souhra.shared.queries.HistoryQueries;
import cz.souhra.shared.queries.Page;

/** Histories in recorded order: store timestamp, then aggregate and sequence for events of one instant. */
@Component
public class HistoryQueryHandler {

    public static final Comparator<HistoryEntry> RECORDED_ORDER = Comparator.comparing(HistoryEntry::recordedAt)
            .thenComparing(HistoryEntry::aggregateId).thenComparingLong(HistoryEntry::sequence);

    private final ReadModels readModels;

    public HistoryQueryHandler(ReadModels readModels) {
        this.readModels = readModels;
    }

    @QueryHandler
    public List<HistoryEntry> subject(HistoryQueries.SubjectHistory q) {
        List<HistoryEntry> out = new ArrayList<>();
        for (Document d : readModels.collection(HistoryProjection.COLLECTION).find(Filters.eq("subjects", q.subjectId()))) {
            HistoryEntry e = Views.fromDocument(d, HistoryEntry.class);
            // The embedded store may answer an array filter loosely; the subject list is the truth.
            if (e.subjects() != null && e.subjects().contains(q.subjectId())) {
                out.add(e);
            }
        }
        out.sort(RECORDED_ORDER);
        return out;
    }

    @QueryHandler
    public HistoryPage region(HistoryQueries.RegionHistory q) {
        List<HistoryEntry> all = new ArrayList<>();
        readModels.collection(HistoryProjection.COLLECTION).find().forEach(d -> all.add(Views.fromDocument(d, HistoryEntry.class)));
        Page<HistoryEntry> p = Views.page(all, e -> (q.region() == null || q.region().equals(e.region()))
                && (q.from() == null || !e.recordedAt().isBefore(q.from())) && (q.to() == null || !e.recordedAt().isAfter(q.to())),
                RECORDED_ORDER, q.page(), q.size());
        return new HistoryPage(p.items(), p.total(), p.page(), p.size());
    }
}
