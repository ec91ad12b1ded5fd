package cz.souhra.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.common.DateTimeUtils;
import org.bson.Document;

import com.mongodb.client.model.Filters;

/**
 * Fills the event collection with copies of a real measure's stream (adopted + 19 progress reports,
 * as Axon wrote them), each under a new aggregate id and event ids: dated now, so the projections and
 * the ledger fold them like any other events, or dated in the past as an archive (see fillHistoric).
 */
final class Preloader {
    private static final double RATE = 2_000;
    private final Souhra app;
    final List<Document> template;
    final String templateId;
    private final List<String[]> sentinels = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong historicSlots = new AtomicLong();

    /** A measure adopted and reported on 19 times through the API: the stream every copy repeats. */
    static Preloader fromRealMeasure(Souhra app, Fixture fx) {
        String template = fx.adopt(1).get(0);
        for (int i = 1; i <= 19; i++) {
            fx.progress(template, i).expect(202);
        }
        List<Document> stream = app.events().find(Filters.eq("aggregateIdentifier", template)).into(new ArrayList<>());
        stream.sort((a, b) -> Long.compare(((Number) a.get("sequenceNumber")).longValue(), ((Number) b.get("sequenceNumber")).longValue()));
        return new Preloader(app, stream, template);
    }

    Preloader(Souhra app, List<Document> template, String templateId) {
        this.app = app;
        this.template = template;
        this.templateId = templateId;
    }

    void fillTo(long target) throws Exception {
        fill(target, false);
    }

    /**
     * Fills to {@code target} with events dated in the past, a 1.1 s step apart (one stream after
     * another, in sequence order), older than every processor's token: they are stored like a migrated
     * archive, and the live processors never see them (the Mongo event store tracks by timestamp). A
     * rebuild folds them. This keeps the load free of the lookback-window cost of a bulk insert "now",
     * which the catch-up row measures separately.
     */
    void fillHistoric(long target) throws Exception {
        fill(target, true);
    }

    private void fill(long target, boolean historic) throws Exception {
        long missing = target - app.events().countDocuments();
        if (missing <= 0) {
            return;
        }
        long streams = (missing + template.size() - 1) / template.size();
        // Axon's Mongo tracking token keeps the ids of all events within the lookback window (1 s) and
        // copies them at every event: a bulk insert at memory speed would put 10k events in one window,
        // which no real load does. So a load dated "now" is paced at RATE events/s.
        long started = System.nanoTime();
        long origin = System.currentTimeMillis() - 86_400_000L - (streams * template.size() + historicSlots.get()) * 1_100L;
        AtomicLong written = new AtomicLong();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long mine = streams / threads + (t < streams % threads ? 1 : 0);
            fs.add(pool.submit(() -> {
                List<Document> batch = new ArrayList<>();
                String last = null;
                for (long s = 0; s < mine; s++) {
                    last = UUID.randomUUID().toString();
                    long slot = historic ? historicSlots.getAndAdd(template.size()) : 0;
                    for (int j = 0; j < template.size(); j++) {
                        batch.add(copy(template.get(j), last, historic ? Instant.ofEpochMilli(origin + (slot + j) * 1_100L) : Instant.now()));
                    }
                    if (batch.size() >= 200) {
                        app.events().insertMany(batch);
                        long due = started + (long) (written.addAndGet(batch.size()) * 1e9 / RATE);
                        batch.clear();
                        long wait = due - System.nanoTime();
                        if (wait > 0 && !historic) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    app.events().insertMany(batch);
                }
                if (last != null && !historic) {
                    sentinels.add(new String[] {last, String.valueOf(template.size() - 1)});
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
    }

    private Document copy(Document d, String aggregate, Instant at) {
        Document c = copyOf(d);
        c.put("aggregateIdentifier", aggregate);
        c.put("timestamp", d.get("timestamp") instanceof String ? DateTimeUtils.formatInstant(at) : java.util.Date.from(at));
        c.put("serializedPayload", replace(d.get("serializedPayload"), aggregate));
        c.put("serializedMetaData", replace(d.get("serializedMetaData"), aggregate));
        return c;
    }

    private Object replace(Object value, String aggregate) {
        return value instanceof String s ? s.replace(templateId, aggregate) : value;
    }

    /** Waits until every processor has folded the last stream each loader wrote; answers the seconds waited. */
    double awaitProjected() throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + 900_000_000_000L;
        for (String[] s : List.copyOf(sentinels)) {
            Document e = app.events().find(Filters.and(Filters.eq("aggregateIdentifier", s[0]), Filters.eq("sequenceNumber", Long.parseLong(s[1])))).first();
            if (e == null) {
                e = app.events().find(Filters.and(Filters.eq("aggregateIdentifier", s[0]), Filters.eq("sequenceNumber", Integer.parseInt(s[1])))).first();
            }
            String eventId = e.getString("eventIdentifier");
            long seq = Long.parseLong(s[1]);
            while (true) {
                Document status = app.db.getCollection("measure_status").find(Filters.eq("_id", s[0])).first();
                boolean measure = status != null && ((Number) status.get("version")).longValue() >= seq;
                boolean ledger = app.db.getCollection("ledger").find(Filters.eq("_id", eventId)).first() != null;
                boolean history = app.db.getCollection("event_history").find(Filters.eq("_id", eventId)).first() != null;
                if (measure && ledger && history) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("projections did not catch up: measure=" + measure + " ledger=" + ledger + " history=" + history);
                }
                Thread.sleep(100);
            }
        }
        sentinels.clear();
        return (System.nanoTime() - started) / 1e9;
    }

    /** A stored event as a new document: no {@code _id}, a fresh event id, the same size. */
    static Document copyOf(Document event) {
        Document d = new Document(event);
        d.remove("_id");
        d.put("eventIdentifier", UUID.randomUUID().toString());
        return d;
    }
}
