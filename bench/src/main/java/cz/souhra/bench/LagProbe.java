package cz.souhra.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

/**
 * Watches the measure_status documents of the measures under load every 5 ms; a command's lag is the
 * time from its acknowledgement until its version is visible there.
 */
final class LagProbe {
    private final Latencies lags = new Latencies();
    private final Map<String, List<Long>> acks = new ConcurrentHashMap<>();
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final Map<String, Long> startVersion = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread poller;

    LagProbe(Souhra app, List<String> measures) {
        MongoCollection<Document> status = app.db.getCollection("measure_status");
        for (Document d : status.find(Filters.in("_id", measures)).projection(Projections.include("version"))) {
            startVersion.put(d.getString("_id"), ((Number) d.get("version")).longValue());
            seen.put(d.getString("_id"), ((Number) d.get("version")).longValue());
            acks.put(d.getString("_id"), Collections.synchronizedList(new ArrayList<>()));
        }
        poller = new Thread(() -> {
            while (running) {
                long now = System.nanoTime();
                for (Document d : status.find(Filters.in("_id", measures)).projection(Projections.include("version"))) {
                    String id = d.getString("_id");
                    long v = ((Number) d.get("version")).longValue();
                    long before = seen.getOrDefault(id, v);
                    List<Long> a = acks.get(id);
                    for (long s = before + 1; s <= v; s++) {
                        int k = (int) (s - startVersion.get(id)) - 1;
                        Long ackedAt;
                        synchronized (a) {
                            ackedAt = k < a.size() ? a.get(k) : null;
                        }
                        // Seen before its acknowledgement reached the client: no lag at all.
                        lags.add(ackedAt == null ? 0 : Math.max(0, (now - ackedAt) / 1e6));
                    }
                    seen.put(id, v);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "lag-probe");
        poller.setDaemon(true);
        poller.start();
    }

    /** Each seen version's lag in ms. */
    Latencies lags() {
        return lags;
    }

    void acknowledged(String measure, long nanos) {
        acks.get(measure).add(nanos);
    }

    void stop() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && lags.size() < acks.values().stream().mapToInt(List::size).sum()) {
            Thread.sleep(20);
        }
        running = false;
        poller.join();
    }
}
