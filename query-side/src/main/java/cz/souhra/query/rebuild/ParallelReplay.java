package cz.souhra.query.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.bson.Document;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.MemoryViews;
import cz.souhra.query.common.Projector;

/**
 * The first pass of a rebuild with one thread per projection: each folds the whole history, in order,
 * into memory of its own and then writes its collections, while the reading thread only deserializes.
 * A projection reads nothing but its own collections, so the projections never wait for each other, and
 * the fast ones write while the slow ones still fold. The queues are bounded: memory does not grow with
 * a projection that falls behind, the reader waits for it.
 */
final class ParallelReplay implements AutoCloseable {

    private record Item(Object payload, EventMeta meta) {}

    private static final Item END = new Item(null, null);

    private final List<BlockingQueue<Item>> queues = new ArrayList<>();
    private final List<Future<?>> workers = new ArrayList<>();
    private final ExecutorService pool;

    /** @param write receives each collection's folded documents (collection, documents in {@code _id} order) */
    ParallelReplay(List<Projector> projectors, BiConsumer<String, List<Document>> write) {
        pool = Executors.newFixedThreadPool(Math.max(1, projectors.size()), runnable -> {
            Thread t = new Thread(runnable, "souhra-rebuild-fold");
            t.setDaemon(true);
            return t;
        });
        for (Projector p : projectors) {
            BlockingQueue<Item> queue = new ArrayBlockingQueue<>(4096);
            queues.add(queue);
            workers.add(pool.submit(() -> {
                MemoryViews memory = new MemoryViews();
                for (Item item = queue.take(); item != END; item = queue.take()) {
                    memory.fold(p, item.payload(), item.meta());
                }
                for (String c : p.collections()) {
                    write.accept(c, memory.all(c));
                }
                return null;
            }));
        }
    }

    void fold(Object payload, EventMeta meta) throws InterruptedException {
        Item item = new Item(payload, meta);
        for (int i = 0; i < queues.size(); i++) {
            put(i, item);
        }
    }

    /** Waits until every projection has folded and written; a projection's failure is thrown here. */
    void finish() throws InterruptedException {
        for (int i = 0; i < queues.size(); i++) {
            put(i, END);
        }
        for (Future<?> w : workers) {
            rethrowIfFailed(w, true);
        }
    }

    // A failed worker takes nothing more from its queue: waiting for room there would wait for ever.
    private void put(int i, Item item) throws InterruptedException {
        while (!queues.get(i).offer(item, 100, TimeUnit.MILLISECONDS)) {
            rethrowIfFailed(workers.get(i), false);
        }
    }

    private static void rethrowIfFailed(Future<?> worker, boolean wait) throws InterruptedException {
        if (!wait && !worker.isDone()) {
            return;
        }
        try {
            worker.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("a projection failed during the rebuild", e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
