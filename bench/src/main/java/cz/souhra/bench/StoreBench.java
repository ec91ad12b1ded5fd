package cz.souhra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import cz.souhra.infra.axon.AxonMongoConfiguration;
import cz.souhra.infra.store.EmbeddedStore;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The embedded store against its baselines: insert rate with 1 and 8 threads for the memory-only
 * backend, the H2 backend as shipped (not durable), and the durable backend with and without fsync;
 * then the file size after 50k events appended through Axon's event store, with compaction running.
 */
final class StoreBench {
    private static final int DOCS = 4_000;
    private static final String PAYLOAD = "x".repeat(600); // about one serialized domain event

    private StoreBench() {}

    static void run(String[] args) throws Exception {
        int events = Bench.argument(args, 0, 50_000);
        Path root = Files.createTempDirectory("souhra-store-bench");
        System.out.println();
        System.out.println("| store | threads | inserts/s | ratio to memory |");
        System.out.println("|---|---|---|---|");
        for (int threads : new int[] {1, 8}) {
            double memory = rate(() -> memory(), threads);
            row("memory-only (baseline)", threads, memory, memory);
            row("H2 as shipped (1 s background commit, loses writes)", threads, rate(() -> shippedH2(root.resolve("h2-" + threads)), threads), memory);
            row("durable H2, group commit, no fsync", threads, rate(() -> durable(root.resolve("nofsync-" + threads), false), threads), memory);
            row("durable H2, group commit + fsync (default)", threads, rate(() -> durable(root.resolve("fsync-" + threads), true), threads), memory);
        }
        diskFor(root.resolve("disk"), events);
    }

    private static void row(String name, int threads, double rate, double baseline) {
        System.out.printf("| %s | %d | %.0f | %.2f× |%n", name, threads, rate, rate / baseline);
    }

    private record Running(String uri, AutoCloseable stop) {}

    private static Running memory() {
        MongoServer s = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        s.bind("127.0.0.1", 0);
        return new Running("mongodb://127.0.0.1:" + s.getLocalAddress().getPort(), s::shutdownNow);
    }

    private static Running shippedH2(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        MongoServer s = new MongoServer(new H2Backend(dir.resolve("s.mv.db").toString()).version(ServerVersion.MONGO_5_0));
        s.bind("127.0.0.1", 0);
        return new Running("mongodb://127.0.0.1:" + s.getLocalAddress().getPort(), s::shutdownNow);
    }

    private static Running durable(Path dir, boolean fsync) {
        EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, fsync, 30);
        return new Running(store.connectionString(), store);
    }

    /** Raw driver insertOne of event-sized documents, the same work split over the given threads. */
    private static double rate(Supplier<Running> start, int threads) throws Exception {
        Running r = start.get();
        try (MongoClient client = MongoClients.create(r.uri())) {
            MongoCollection<Document> c = client.getDatabase("bench").getCollection("docs");
            c.insertOne(new Document("warm", 1));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < DOCS / threads; i++) {
                        c.insertOne(new Document("_id", UUID.randomUUID().toString()).append("payload", PAYLOAD));
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            return (DOCS / threads * threads) / seconds;
        } finally {
            r.stop().close();
        }
    }

    private static void diskFor(Path dir, int events) throws Exception {
        EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, true, 5);
        long t0 = System.nanoTime();
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            var serializer = cz.souhra.shared.json.EventJson.serializer();
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "souhra").build())
                    .eventSerializer(serializer).snapshotSerializer(serializer).build();
            engine.ensureIndexes();
            GrowthBench.appendStreams(engine, events, "Probe", PAYLOAD.substring(0, 300));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long live = store.backend().fileSize();
        store.close();
        long closed = Files.size(dir.resolve("souhra.mv.db"));
        long t1 = System.nanoTime();
        EmbeddedStore.start(dir, "127.0.0.1", 0, true, 0).close();
        double restartSeconds = (System.nanoTime() - t1) / 1e9;
        long restarted = Files.size(dir.resolve("souhra.mv.db"));
        System.out.println();
        System.out.printf("disk: %d events appended through Axon (8 threads, %.0f events/s): file %.1f MiB while running (online compaction), %.1f MiB after close, %.1f MiB after a restart with start-up compaction (%.0f bytes/event, restart %.1f s)%n",
                events, events / seconds, live / 1048576.0, closed / 1048576.0, restarted / 1048576.0, (double) restarted / events, restartSeconds);
    }
}
