package cz.souhra.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.StorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.json.JacksonSerializer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cz.souhra.infra.axon.AxonMongoConfiguration;
import cz.souhra.infra.axon.PointLookupStorageStrategy;
import cz.souhra.infra.store.DurabilityProbe;
import cz.souhra.infra.store.EmbeddedStore;

/**
 * Growth: loading a 20-event aggregate when the store holds 1k events and when it holds N (default
 * 200k), with Axon's range query and with Souhra's point lookups, in the same run.
 */
final class GrowthBench {
    private GrowthBench() {}

    static void run(String[] args) throws Exception {
        int large = Bench.argument(args, 0, 200_000);
        EmbeddedStore store = EmbeddedStore.start(Files.createTempDirectory("souhra-growth"), "127.0.0.1", 0, false, 30);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            var serializer = cz.souhra.shared.json.EventJson.serializer();
            java.util.function.Function<StorageStrategy, MongoEventStorageEngine> engine = strategy -> {
                MongoEventStorageEngine e = MongoEventStorageEngine.builder()
                        .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "souhra").build())
                        .eventSerializer(serializer).snapshotSerializer(serializer).storageStrategy(strategy).build();
                e.ensureIndexes();
                return e;
            };
            MongoEventStorageEngine range = engine.apply(new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), java.time.Duration.ofSeconds(1)));
            MongoEventStorageEngine point = engine.apply(new PointLookupStorageStrategy(EventEntryConfiguration.getDefault(), java.time.Duration.ofSeconds(1)));
            String target = UUID.randomUUID().toString();
            for (int i = 0; i < 20; i++) {
                range.appendEvents(new GenericDomainEventMessage<>("Measure", target, i, new DurabilityProbe.ProbeEvent(target, i)));
            }
            fill(range, 1_000 - 20);
            double rangeSmall = loadMillis(range, target);
            double pointSmall = loadMillis(point, target);
            fill(range, large - 1_000);
            double rangeLarge = loadMillis(range, target);
            double pointLarge = loadMillis(point, target);
            System.out.println();
            System.out.println("| aggregate load (20 events) | 1k events stored | " + large / 1000 + "k events stored | growth |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| Axon range query (baseline) | %.2f ms | %.2f ms | %.1f× |%n", rangeSmall, rangeLarge, rangeLarge / rangeSmall);
            System.out.printf("| Souhra point lookups | %.2f ms | %.2f ms | %.2f× |%n", pointSmall, pointLarge, pointLarge / pointSmall);
        } finally {
            store.close();
        }
    }

    private static void fill(MongoEventStorageEngine engine, int events) throws Exception {
        appendStreams(engine, events, "Measure", "");
    }

    /** {@code events} one-event streams of {@code type} appended by 8 threads, each payload its stream's id followed by {@code padding}. */
    static void appendStreams(MongoEventStorageEngine engine, int events, String type, String padding) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            fs.add(pool.submit(() -> {
                for (int i = 0; i < events / 8; i++) {
                    String id = UUID.randomUUID().toString();
                    engine.appendEvents(new GenericDomainEventMessage<>(type, id, 0, new DurabilityProbe.ProbeEvent(id + padding, i)));
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
    }

    /** Median of 21 loads after 5 warm-ups. */
    private static double loadMillis(MongoEventStorageEngine engine, String aggregate) {
        double[] t = new double[21];
        for (int i = -5; i < t.length; i++) {
            long t0 = System.nanoTime();
            long n = engine.readEvents(aggregate).asStream().count();
            if (n != 20) {
                throw new IllegalStateException("loaded " + n + " events");
            }
            if (i >= 0) {
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
