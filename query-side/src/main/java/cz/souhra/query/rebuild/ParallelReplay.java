package cz.souhra.query.rebuild;

import java.util.ArrayDeque;
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
import java.util.function.Supplier;

import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.MemoryViews;
import cz.souhra.query.common.Projector;

/**
 * The first pass of a rebuild with one thread per projection: each folds the whole history, in order,
 * into memory of its own and then writes its collections. A projection reads nothing but its own
 * collections, so the projections never wait for each other, and the fast ones write while the slow ones
 * still fold. The queues are bounded: memory does not grow with a projection that falls behind, the reader
 * waits for it.
 *
 * <p>Events are deserialized in chunks on threads of their own and handed to the projections in the
 * order they were read. When the reading thread deserialized them itself, it was the rebuild's bottleneck
 * (a 60k-event rebuild: 87 % of the CPU samples on that thread, 13 % on all the folding ones together).
 */
final class ParallelReplay implements AutoCloseable {

    private record Item(Object payload, EventMeta meta) {}

    private static final Item END = new Item(null, null);

    /** Events per deserialization task, and tasks in flight before the reader waits for the oldest. */
    private static final int CHUNK = 256;
    private static final int CHUNKS_AHEAD = 8;

    private final List<BlockingQueue<Item>> queues = new ArrayList<>();
    private final List<Future<?>> workers = new ArrayList<>();
    private final ExecutorService pool;
    private final ExecutorService decoders;
    private final ArrayDeque<Future<List<Item>>> decoding = new ArrayDeque<>();
    private List<Supplier<Item>> chunk = new ArrayList<>(CHUNK);

    /** @param write receives each collection's folded documents (collection, documents in {@code _id} order) */
    ParallelReplay(List<Projector> projectors, BiConsumer<String, List<Document>> write) {
        pool = Executors.newFixedThreadPool(Math.max(1, projectors.size()), runnable -> {
            Thread t = new Thread(runnable, "souhra-rebuild-fold");
            t.setDaemon(true);
            return t;
        });
        // The reader itself needs a core: it reads, sorts and upcasts the stored events.
        decoders = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), runnable -> {
            Thread t = new Thread(runnable, "souhra-rebuild-deserialize");
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

    /** An event already deserialized, folded after every event given before it. */
    void fold(Object payload, EventMeta meta) throws InterruptedException {
        Item item = new Item(payload, meta);
        add(() -> item);
    }

    /** An event whose payload and metadata are deserialized on a deserializing thread; folded in the order given. */
    void fold(EventMessage<?> message) throws InterruptedException {
        add(() -> new Item(message.getPayload(), EventMeta.of(message)));
    }

    private void add(Supplier<Item> event) throws InterruptedException {
        chunk.add(event);
        if (chunk.size() == CHUNK) {
            submitChunk();
        }
    }

    private void submitChunk() throws InterruptedException {
        List<Supplier<Item>> events = chunk;
        chunk = new ArrayList<>(CHUNK);
        decoding.add(decoders.submit(() -> events.stream().map(Supplier::get).toList()));
        while (decoding.size() > CHUNKS_AHEAD) {
            dispatch(decoding.poll());
        }
    }

    private void dispatch(Future<List<Item>> decoded) throws InterruptedException {
        List<Item> items;
        try {
            items = decoded.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("an event could not be deserialized during the rebuild", e.getCause());
        }
        for (Item item : items) {
            for (int i = 0; i < queues.size(); i++) {
                put(i, item);
            }
        }
    }

    /** Waits until every projection has folded and written; a projection's failure is thrown here. */
    void finish() throws InterruptedException {
        if (!chunk.isEmpty()) {
            submitChunk();
        }
        while (!decoding.isEmpty()) {
            dispatch(decoding.poll());
        }
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
        decoders.shutdownNow();
        pool.shutdownNow();
    }
}
