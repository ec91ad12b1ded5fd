package cz.souhra.query.common;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

/**
 * The live projections' writes, held for the tracking batch they belong to and sent as one bulk write
 * per collection when the batch's last event has been folded, before Axon stores the token (see
 * {@link BatchScope}).
 *
 * <p>Why: every event used to cost each processor one store round trip per written document, and the
 * embedded store serialises writes. Folds inside the batch read their own earlier writes through this
 * overlay, so the documents written are the ones single writes would have produced; a redelivered batch
 * writes the same documents again (idempotent folds). A failing flush fails the batch, which the processor
 * retries. Outside a unit of work (tests) each fold's writes are stored at once.
 */
public final class BatchedViews {

    private static final String RESOURCE = BatchedViews.class.getName();
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final MongoViews store;
    private final String key = RESOURCE + "#" + INSTANCES.incrementAndGet();

    public BatchedViews(MongoViews store) {
        this.store = store;
    }

    /** Folds one event; the writes are returned at once and stored with the batch. */
    public List<Projector.Write> fold(Projector projector, Object payload, EventMeta meta) {
        Pending pending = BatchScope.current(key, () -> new Pending(store), Pending::flush);
        List<Projector.Write> writes = projector.fold(pending, payload, meta);
        pending.add(writes);
        if (BatchScope.atEnd()) {
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

    /** One batch's writes to one store, one per document: a replace wins over what came before, merges combine. */
    private static final class Pending implements ViewLookup {
        private final MongoViews store;
        private final Map<String, Map<String, Projector.Write>> writes = new LinkedHashMap<>();

        Pending(MongoViews store) {
            this.store = store;
        }

        @Override
        public Document get(String collection, String id) {
            Map<String, Projector.Write> c = writes.get(collection);
            Projector.Write w = c == null ? null : c.get(id);
            if (w == null) {
                return store.get(collection, id);
            }
            return w.merge() ? w.applyTo(store.get(collection, id)) : w.document();
        }

        void add(List<Projector.Write> ws) {
            for (Projector.Write w : ws) {
                writes.computeIfAbsent(w.collection(), k -> new LinkedHashMap<>()).merge(w.id(), w, Projector.Write::then);
            }
        }

        void flush() {
            writes.forEach((collection, ws) -> store.writeAll(collection, ws.values()));
            writes.clear();
        }
    }
}
