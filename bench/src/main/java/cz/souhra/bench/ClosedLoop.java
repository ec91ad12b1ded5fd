package cz.souhra.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;

import com.mongodb.client.MongoCollection;

/** {@value #CLIENTS} clients, each sending its next request as soon as the last is answered. */
final class ClosedLoop {
    private ClosedLoop() {}

    static final int CLIENTS = 8;

    record Throughput(double perSecond, long errors, double meanMillis, long commands) {}

    /** One request of a closed loop: client {@code client}'s {@code i}-th; answers the HTTP status (202: accepted). */
    interface Request {
        int send(int client, int i);
    }

    /** {@value #CLIENTS} clients, each sending its next request as soon as the last is answered, for {@code seconds}. */
    static Throughput run(int seconds, Request request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong nanos = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            fs.add(threads.submit(() -> {
                int i = 0;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    int status = request.send(client, i);
                    nanos.addAndGet(System.nanoTime() - t);
                    (status == 202 ? ok : errors).incrementAndGet();
                    i++;
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        threads.shutdown();
        return new Throughput(ok.get() / elapsed, errors.get(), nanos.get() / 1e6 / Math.max(1, ok.get() + errors.get()), ok.get() + errors.get());
    }

    /** Progress reports on {@code pool}, each client on its own share of the measures, for {@code seconds}. */
    static Throughput progress(Fixture fx, List<String> pool, int seconds) throws Exception {
        int per = pool.size() / CLIENTS;
        return run(seconds, (client, i) -> fx.progress(pool.get(client * per + i % per), i).status());
    }

    /** The raw floor: the same driver, the same store, documents of an event's size, the same concurrency. */
    static double rawInserts(Souhra app, Document sample, int seconds) throws Exception {
        // Journaled like Souhra's event appends: the embedded store acknowledges such a write only after
        // its log is synced, so both sides pay the same durability.
        MongoCollection<Document> raw = app.db.getCollection("perf_raw").withWriteConcern(com.mongodb.WriteConcern.JOURNALED);
        double perSecond = run(seconds, (client, i) -> {
            raw.insertOne(Preloader.copyOf(sample));
            return 202;
        }).perSecond();
        raw.drop();
        return perSecond;
    }
}
