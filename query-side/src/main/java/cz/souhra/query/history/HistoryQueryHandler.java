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

/**
 * Histories in recorded order: store timestamp, then aggregate and sequence for events of one instant. Every
 * entry is answered as shown ({@link HistoryEntry#shown}): with an institution or "system", and an effective time.
 */
@Component
public class HistoryQueryHandler {

    public static final Comparator<HistoryEntry> RECORDED_ORDER = Comparator.comparing(HistoryEntry::recordedAt)
            .thenComparing(HistoryEntry::aggregateId).thenComparingLong(HistoryEntry::sequence);

    /** Ids per {@code $in} query: keeps each request small whatever a subject's history holds. */
    private static final int IDS_PER_QUERY = 1_000;

    private final ReadModels readModels;
    private final HistorySubjectIndex index;

    public HistoryQueryHandler(ReadModels readModels, HistorySubjectIndex index) {
        this.readModels = readModels;
        this.index = index;
    }

    @QueryHandler
    public List<HistoryEntry> subject(HistoryQueries.SubjectHistory q) {
        Iterable<Document> candidates = index.complete() ? indexed(q.subjectId())
                : readModels.collection(HistoryProjection.COLLECTION).find(Filters.eq("subjects", q.subjectId()));
        List<HistoryEntry> out = new ArrayList<>();
        for (Document d : candidates) {
            HistoryEntry e = Views.fromDocument(d, HistoryEntry.class);
            // The embedded store may answer an array filter loosely; the subject list is the truth.
            if (e.subjects() != null && e.subjects().contains(q.subjectId())) {
                out.add(e.shown());
            }
        }
        out.sort(RECORDED_ORDER);
        return out;
    }

    /** The subject's entries through its index: its days, their entry ids, the entries, all read by id. */
    private List<Document> indexed(String subject) {
        Document days = readModels.collection(HistoryProjection.SUBJECTS).find(Filters.eq("_id", subject)).first();
        if (days == null) {
            return List.of();
        }
        List<String> dayKeys = HistoryProjection.keys(days).stream().map(d -> HistoryProjection.dayKey(subject, d)).toList();
        List<String> ids = new ArrayList<>();
        for (Document day : byIds(HistoryProjection.SUBJECT_DAYS, dayKeys)) {
            ids.addAll(HistoryProjection.keys(day));
        }
        return byIds(HistoryProjection.COLLECTION, ids);
    }

    private List<Document> byIds(String collection, List<String> ids) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
            readModels.collection(collection).find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)))).into(out);
        }
        return out;
    }

    @QueryHandler
    public HistoryPage region(HistoryQueries.RegionHistory q) {
        List<HistoryEntry> all = new ArrayList<>();
        readModels.collection(HistoryProjection.COLLECTION).find().forEach(d -> all.add(Views.fromDocument(d, HistoryEntry.class).shown()));
        Page<HistoryEntry> p = Views.page(all, e -> (q.region() == null || q.region().equals(e.region()))
                && (q.from() == null || !e.recordedAt().isBefore(q.from())) && (q.to() == null || !e.recordedAt().isAfter(q.to())),
                RECORDED_ORDER, q.page(), q.size());
        return new HistoryPage(p.items(), p.total(), p.page(), p.size());
    }
}
