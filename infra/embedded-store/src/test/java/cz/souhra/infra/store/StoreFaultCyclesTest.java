package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Read models and tracking tokens are rewritten in place without waiting for the journal; events are
 * inserted with it. On a small file system that fills up and is freed again several times while such
 * writes go on, every document must hold the last value acknowledged for it (or a later one whose outcome
 * was unknown), in the same process after each reopen and from the files after a restart.
 */
@EnabledIf(value = "cz.souhra.infra.store.SmallFileSystem#mountable", disabledReason = "mounting a tmpfs needs root (CAP_SYS_ADMIN)")
class StoreFaultCyclesTest {

    private static final int WRITERS = 4;
    private static final int KEYS_PER_WRITER = 30;
    private static final int CYCLES = Integer.getInteger("souhra.test.fault-cycles", 6);

    /** What a writer knows of one key: the last acknowledged value and later ones of unknown outcome. */
    private static final class Known {
        long acknowledged = -1;
        final List<Long> unknown = new ArrayList<>();
    }

    @Test
    void given_in_place_writes_without_journal_when_the_disk_fills_and_frees_repeatedly_then_every_acknowledged_value_survives_each_reopen() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(16)) {
            Path data = fs.dir().resolve("data");
            Map<Integer, Known> known = new ConcurrentHashMap<>();
            AtomicLong insertsAcknowledged = new AtomicLong();
            List<Long> insertedIds = java.util.Collections.synchronizedList(new ArrayList<>());
            try (EmbeddedStore store = EmbeddedStore.start(data, "127.0.0.1", 0, true, 2);
                 MongoClient client = client(store)) {
                MongoCollection<Document> views = client.getDatabase("t").getCollection("views");
                MongoCollection<Document> events = client.getDatabase("t").getCollection("events").withWriteConcern(WriteConcern.JOURNALED);
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> writers = new ArrayList<>();
                AtomicLong counter = new AtomicLong();
                for (int w = 0; w < WRITERS; w++) {
                    int first = w * KEYS_PER_WRITER;
                    Thread t = new Thread(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        while (!stop.get()) {
                            long v = counter.incrementAndGet();
                            try {
                                if (random.nextInt(10) == 0) {
                                    events.insertOne(new Document("_id", v).append("pad", "e".repeat(100 + random.nextInt(300))));
                                    insertsAcknowledged.incrementAndGet();
                                    insertedIds.add(v);
                                    continue;
                                }
                            } catch (MongoException e) {
                                pause();
                                continue;
                            }
                            int key = first + random.nextInt(KEYS_PER_WRITER);
                            Known k = known.computeIfAbsent(key, x -> new Known());
                            try {
                                views.replaceOne(Filters.eq("_id", key), new Document("_id", key).append("v", v)
                                        .append("pad", "p".repeat(300 + random.nextInt(3_000))), new ReplaceOptions().upsert(true));
                                synchronized (k) {
                                    k.acknowledged = v;
                                    k.unknown.clear();
                                }
                            } catch (MongoCommandException e) {
                                if (e.getErrorCode() != StoreFaultException.CODE) {
                                    synchronized (k) {
                                        k.unknown.add(v);
                                    }
                                }
                                pause();
                            } catch (MongoException e) {
                                synchronized (k) {
                                    k.unknown.add(v);
                                }
                                pause();
                            }
                        }
                    }, "writer-" + w);
                    t.start();
                    writers.add(t);
                }
                for (int cycle = 0; cycle < CYCLES; cycle++) {
                    Thread.sleep(1_200 + ThreadLocalRandom.current().nextInt(1_000));
                    Path filler = fs.fill(ThreadLocalRandom.current().nextInt(3) * 16 * 1024L);
                    awaitUntil(() -> store.unavailableReason() != null, Duration.ofSeconds(10));
                    Thread.sleep(500 + ThreadLocalRandom.current().nextInt(1_500));
                    Files.delete(filler);
                    awaitUntil(() -> store.unavailableReason() == null && store.backend() != null, Duration.ofSeconds(20));
                    assertThat(store.unavailableReason()).as("cycle " + cycle + ": writes resume").isNull();
                    assertAllKept(views, known, "after reopen " + cycle, false);
                }
                stop.set(true);
                for (Thread t : writers) {
                    t.join(30_000);
                }
                assertAllKept(views, known, "at the end", true);
                assertThat(events.countDocuments(Filters.in("_id", new ArrayList<>(insertedIds)))).isEqualTo(insertedIds.size());
            }
            try (EmbeddedStore reopened = EmbeddedStore.start(data, "127.0.0.1", 0, true, 2);
                 MongoClient client = client(reopened)) {
                assertAllKept(client.getDatabase("t").getCollection("views"), known, "after a restart", true);
                assertThat(client.getDatabase("t").getCollection("events").countDocuments(Filters.in("_id", new ArrayList<>(insertedIds))))
                        .isEqualTo(insertedIds.size());
            }
        }
    }

    /**
     * Every key holds at least the value acknowledged before the read (values only grow per key: one writer
     * writes it, in order); once the writers have stopped, exactly the last acknowledged one or a later one
     * whose outcome was unknown.
     */
    private static void assertAllKept(MongoCollection<Document> views, Map<Integer, Known> known, String when, boolean quiet) {
        Map<Integer, Long> acknowledgedBefore = new HashMap<>();
        known.forEach((key, k) -> {
            synchronized (k) {
                acknowledgedBefore.put(key, k.acknowledged);
            }
        });
        Map<Integer, Long> stored = new HashMap<>();
        views.find().projection(new Document("v", 1)).forEach(d -> stored.put(d.getInteger("_id"), d.getLong("v")));
        List<String> lost = new ArrayList<>();
        acknowledgedBefore.forEach((key, ack) -> {
            Long v = stored.get(key);
            Known k = known.get(key);
            boolean ok;
            synchronized (k) {
                ok = quiet ? (ack < 0 ? v == null || k.unknown.contains(v) : v != null && (v == (long) ack || k.unknown.contains(v)))
                        : ack < 0 || v != null && v >= ack;
                if (!ok) {
                    lost.add("key " + key + ": stored " + v + ", acknowledged " + ack + ", unknown " + k.unknown);
                }
            }
        });
        assertThat(lost).as(when).isEmpty();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static MongoClient client(EmbeddedStore store) {
        return MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(store.connectionString()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS)).build());
    }
}
