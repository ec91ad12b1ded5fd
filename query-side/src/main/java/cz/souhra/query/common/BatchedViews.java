package cz.souhra.query.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

/**
 * The live projections' writes, held for the tracking batch they belong to and sent as one bulk write
 * per collection when the batch's last event has been folded.
 *
 * <p>Why: every event used to cost each processor one store round trip per written document, and the
 * embedded store serialises writes, so eight processors' single writes bounded the command rate. Folds
 * inside the batch read their own earlier writes through this overlay, so the documents written are the
 * ones single writes would have produced.
 *
 * <p>Order matters for at-least-once: Axon stores the batch's token in the unit of work's prepare-commit
 * phase. The flush runs before that, while the last event is being handled: a projection's handler takes
 * every event ({@code Object}) and a tracking batch holds only events its processor handles, so the last
 * event of a batch always reaches the fold. A crash then leaves either the old token (the batch is
 * delivered again and the idempotent folds write the same documents) or the new token with every write
 * stored. A failing flush fails the batch, which the processor retries. Outside a unit of work (the
 * rebuild's catch-up, tests) writes go straight to the store.
 */
public final class BatchedViews {

    private static final String RESOURCE = BatchedViews.class.getName();

    private final MongoViews store;

    public BatchedViews(MongoViews store) {
        this.store = store;
    }

    /** Folds one event; the writes are returned at once and stored with the batch. */
    public List<Projector.Write> fold(Projector projector, Object payload, EventMeta meta) {
        if (!CurrentUnitOfWork.isStarted()) {
            return store.fold(projector, payload, meta);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Pending pending = pending(unitOfWork);
        List<Projector.Write> writes = projector.fold(pending, payload, meta);
        pending.add(writes);
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            pending.flush();
        }
        return writes;
    }

    /**
     * Runs {@code action} once the batch's writes are stored (at once outside a batch), once per
     * {@code key} and batch: for a notification that reads the stored views back, which inside the batch
     * would still find the old ones.
     */
    public static void afterStored(String key, Runnable action) {
        if (!CurrentUnitOfWork.isStarted()) {
            action.run();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Set<String> keys = root.getOrComputeResource(RESOURCE + ".after", k -> new HashSet<>());
        if (keys.add(key)) {
            root.afterCommit(u -> action.run());
        }
    }

    public void clear(String collection) {
        store.clear(collection);
    }

    private Pending pending(UnitOfWork<?> unitOfWork) {
        List<Pending> all = unitOfWork.root().getOrComputeResource(RESOURCE, k -> new ArrayList<>());
        for (Pending p : all) {
            if (p.store == store) {
                return p;
            }
        }
        Pending p = new Pending(store);
        all.add(p);
        // Not expected to find anything: only if a batch's last event never reached this fold. Later
        // than the token, but better than dropping the writes with the unit of work.
        unitOfWork.root().onPrepareCommit(u -> p.flush());
        return p;
    }

    /** One batch's writes to one store: the last document per id wins, as replace-by-id would. */
    private static final class Pending implements ViewLookup {
        private final MongoViews store;
        private final Map<String, Map<String, Document>> writes = new LinkedHashMap<>();

        Pending(MongoViews store) {
            this.store = store;
        }

        @Override
        public Document get(String collection, String id) {
            Map<String, Document> c = writes.get(collection);
            Document d = c == null ? null : c.get(id);
            return d != null ? d : store.get(collection, id);
        }

        void add(List<Projector.Write> ws) {
            for (Projector.Write w : ws) {
                writes.computeIfAbsent(w.collection(), k -> new LinkedHashMap<>()).put(w.id(), w.document());
            }
        }

        void flush() {
            writes.forEach((collection, docs) -> store.replaceAll(collection, docs.values()));
            writes.clear();
        }
    }
}
