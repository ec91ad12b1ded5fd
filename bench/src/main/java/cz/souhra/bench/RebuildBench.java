package cz.souhra.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;

import cz.souhra.query.history.HistoryProjection;
import cz.souhra.query.rebuild.RebuildService;

/** The rebuild rows: a full rebuild of every read model against the raw driver's floor on the same store. */
final class RebuildBench {
    private RebuildBench() {}

    /**
     * {@code rebuild --events=N}: only the rebuild row, on a fresh store holding the fixture, one real measure
     * stream and an archive of N events; for profiling the rebuild without the other phases.
     */
    static void run(String[] args) throws Exception {
        int n = Bench.option(args, "events", 100_000);
        Souhra app = Souhra.start(Files.createTempDirectory("souhra-rebuild"));
        Fixture fx = Fixture.create(app);
        long t0 = System.nanoTime();
        Preloader.fromRealMeasure(app, fx).fillHistoric(n);
        System.out.printf("archive to %d events in %.1f s%n", app.events().countDocuments(), (System.nanoTime() - t0) / 1e9);
        rows(app);
        app.close();
        Rows.all().forEach(System.out::println);
    }

    /** A full rebuild of every read model vs a raw cursor over the same event collection, same run. */
    static void rows(Souhra app) {
        long rawStart = System.nanoTime();
        long rawCount = 0;
        for (Document d : app.events().find().batchSize(1000)) {
            rawCount += d.isEmpty() ? 0 : 1;
        }
        double rawRate = rawCount / ((System.nanoTime() - rawStart) / 1e9);
        long rebuildStart = System.nanoTime();
        String[] phase = {""};
        RebuildService.Report report = app.context.getBean(RebuildService.class).rebuild("all", p -> {
            if (!p.phase().equals(phase[0])) {
                phase[0] = p.phase();
                System.out.printf("rebuild: %s from %.1f s (%d events)%n", p.phase(), (System.nanoTime() - rebuildStart) / 1e9, p.done());
            }
        });
        double rebuildRate = report.events() / (report.millis() / 1000.0);
        Rows.row("full rebuild of all read models (RebuildService)", "%,d events: %,.0f events/s", "raw cursor over domainevents: %,.0f events/s",
                "%.2f× (goal ≥ 0.5× and ≥ 5k/s)", report.events(), rebuildRate, rawRate, rebuildRate / rawRate);

        // The least any rebuild has to do: read the events and write the history's one document per event. Both
        // with the raw driver, the writes as the rebuild makes them (insertMany of 1,000 into an empty collection).
        List<Document> history = app.db.getCollection(HistoryProjection.COLLECTION).find().batchSize(1000).into(new ArrayList<>());
        MongoCollection<Document> scratch = app.db.getCollection("perf_raw_history");
        long insertStart = System.nanoTime();
        for (int i = 0; i < history.size(); i += 1000) {
            scratch.insertMany(history.subList(i, Math.min(history.size(), i + 1000)));
        }
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
        scratch.drop();
        double boundRate = rawCount / (rawCount / rawRate + insertSeconds);
        // Reading and writing at once, on the two cores, could at best hide the shorter of the two.
        double overlappedRate = rawCount / Math.max(rawCount / rawRate, insertSeconds);
        Rows.row("the least a rebuild does: raw cursor over the events, then raw insertMany of the rebuilt history (one document per event)",
                "%,d history documents inserted at %,.0f/s: %,.0f events/s read then written, at most %,.0f/s with both at once",
                "raw cursor over domainevents: %,.0f events/s", "%.2f×, at most %.2f× (a rebuild's ratio cannot pass this on this store)",
                history.size(), history.size() / insertSeconds, boundRate, overlappedRate, rawRate, boundRate / rawRate, overlappedRate / rawRate);
    }
}
