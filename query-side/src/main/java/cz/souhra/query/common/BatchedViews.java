package cz.souhra.query.common;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

/**
 * The live projections' writes, held for the tracking batch they belong to and sent as one bulk write
 * per collection when the batch's last event has been folded, before Axon stores the token (see
 * {@link BatchScope}).
 *
 * <p>Why: without it every event costs each processor one store round trip per written document, and the
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
        Pending pending = BatchScope.current(key, () -> new Pending(store, projector), Pending::flush);
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

    /**
     * One batch's writes to one store, one per document: a replace wins over what came before, merges combine.
     * The documents the batch's folds will read ({@link Projector#reads}) are read first, in one round trip
     * per collection instead of one per event. They stay right for the batch: the folds' own writes are
     * looked up before them, and a document is folded by one segment only (events are sequenced by
     * aggregate), while merged documents, which segments share, are not read by folds.
     */
    private static final class Pending implements ViewLookup {
        private final MongoViews store;
        private final Map<String, Map<String, Projector.Write>> writes = new LinkedHashMap<>();
        /** Per collection, the documents read ahead by id; an id present with null was looked for and not found. */
        private final Map<String, Map<String, Document>> readAhead = new HashMap<>();

        Pending(MongoViews store, Projector projector) {
            this.store = store;
            Map<String, Set<String>> ids = new LinkedHashMap<>();
            for (EventMessage<?> message : BatchScope.messages()) {
                if (message instanceof DomainEventMessage<?>) {
                    for (Projector.Read r : projector.reads(message.getPayload(), EventMeta.of(message))) {
                        ids.computeIfAbsent(r.collection(), k -> new LinkedHashSet<>()).add(r.id());
                    }
                }
            }
            ids.forEach((collection, wanted) -> readAhead.put(collection, store.getAll(collection, wanted)));
        }

        @Override
        public Document get(String collection, String id) {
            Map<String, Projector.Write> c = writes.get(collection);
            Projector.Write w = c == null ? null : c.get(id);
            if (w == null) {
                return stored(collection, id);
            }
            return w.merge() ? w.applyTo(stored(collection, id)) : w.document();
        }

        private Document stored(String collection, String id) {
            Map<String, Document> known = readAhead.get(collection);
            return known != null && known.containsKey(id) ? known.get(id) : store.get(collection, id);
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
