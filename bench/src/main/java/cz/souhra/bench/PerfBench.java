package cz.souhra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.model.Filters;

import cz.souhra.infra.store.EmbeddedStore;

/**
 * {@code perf [--quick] [--events=N]}: the application-level figures, each beside a baseline measured in the
 * same run on the same embedded store: the real Souhra application (security on, HTTP Basic users created
 * through the user API) in this JVM, the raw Mongo driver, and a conventional Spring Data MongoDB + JaVers
 * peer. {@code --quick} runs the same phases at a smaller scale.
 */
final class PerfBench {
    private PerfBench() {}

    record Scale(int throughputSeconds, int latencySeconds, int lagSeconds, int startupEvents, int growthEvents, int peerChanges, int catchUpEvents) {}

    static void run(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        Scale scale = quick ? new Scale(4, 5, 6, 10_000, 20_000, 40, 2_000) : new Scale(10, 12, 20, 100_000, 200_000, 100, 10_000);
        // --events=N: the growth store size; the start-up store holds half of it
        int n = Bench.option(args, "events", scale.growthEvents());
        scale = new Scale(scale.throughputSeconds(), scale.latencySeconds(), scale.lagSeconds(), n / 2, n, scale.peerChanges(), scale.catchUpEvents());
        long benchStarted = System.nanoTime();
        System.out.println("perf " + (quick ? "--quick " : "") + scale);

        Startup empty = Startup.inChildJvm(Files.createTempDirectory("souhra-perf-empty"));
        System.out.printf("start-up empty: %.1f s, heap %.0f MiB%n", empty.seconds(), empty.heapMiB());

        Path dir = Files.createTempDirectory("souhra-perf");
        Souhra app = Souhra.start(dir);
        Fixture fx = Fixture.create(app);
        Preloader preloader = Preloader.fromRealMeasure(app, fx);
        String template = preloader.templateId;
        List<Document> templateStream = preloader.template;
        preloader.fillTo(1_000);
        preloader.awaitProjected();

        GrowthProbe cold = GrowthProbe.on(app, fx, preloader);
        System.out.printf("growth probe at %d events: p50 %.1f ms p99 %.1f ms%n", cold.stored(), cold.commands().p(50), cold.commands().p(99));

        List<String> pool = fx.adopt(ClosedLoop.CLIENTS * 16);
        Document sample = app.events().find(Filters.eq("aggregateIdentifier", template)).first();
        Cost rawCost = new Cost(app);
        double raw = ClosedLoop.rawInserts(app, sample, scale.throughputSeconds());
        rawCost.stop(app, Math.round(raw * scale.throughputSeconds()));
        Warmup warmup = Warmup.untilJitSettles(fx, pool);
        Cost souhraCost = new Cost(app);
        ClosedLoop.Throughput souhra = ClosedLoop.progress(fx, pool, scale.throughputSeconds());
        souhraCost.stop(app, souhra.commands());
        Rows.row("command throughput, %d clients, distinct measures (HTTP, full stack)", "%,.0f commands/s (%d errors)",
                "raw driver insertOne, same doc size (%d B), %d threads: %,.0f/s", "%.2f× (goal ≥ 0.5×, ≥ 1,000/s)",
                ClosedLoop.CLIENTS, souhra.perSecond(), souhra.errors(), sample.toJson().length(), ClosedLoop.CLIENTS, raw, souhra.perSecond() / raw);
        // Why the ratio above is bounded: a command is a request, an append and the work of every processor,
        // each a few store round trips, where the baseline is one insert.
        Rows.row("cost per command in that window, after %d s of warm-up load (process CPU incl. the HTTP client, of it the JIT; store commands; heap allocated)",
                "%.2f ms CPU (JIT %.2f), %.1f store reads + %.1f writes, %,.0f KB", "per raw insert: %.2f ms CPU, %.1f reads + %.1f writes, %,.0f KB",
                "%.0f× the CPU, %.0f× the round trips", warmup.seconds(), souhraCost.cpuMillis, souhraCost.jitMillis(), souhraCost.reads, souhraCost.writes,
                souhraCost.allocatedKb,
                rawCost.cpuMillis, rawCost.reads, rawCost.writes, rawCost.allocatedKb,
                souhraCost.cpuMillis / rawCost.cpuMillis, (souhraCost.reads + souhraCost.writes) / (rawCost.reads + rawCost.writes));

        preloader.awaitProjected();
        double rate = Math.max(10, souhra.perSecond() / 2);
        OpenLoop half = OpenLoop.run(fx, pool, rate, scale.latencySeconds(), null);
        Rows.row("command latency at half max throughput (open loop, %.0f/s)", "p50 %.1f ms, p99 %.1f ms (%d errors)",
                "closed-loop mean at max: %.1f ms", "p99 goal < 50 ms", rate, half.latencies().p(50), half.latencies().p(99), half.errors(),
                souhra.meanMillis());

        preloader.awaitProjected();
        // 200/s is the goal's load; a server that cannot take it would only build a queue that poisons
        // the phases after this one, so then the lag is measured at half its maximum and says so.
        double lagRate = Math.min(200, rate);
        LagProbe lag = new LagProbe(app, pool.subList(0, 64));
        OpenLoop lagRun = OpenLoop.run(fx, pool.subList(0, 64), lagRate, scale.lagSeconds(), lag);
        lag.stop();
        Rows.row("projection lag at %.0f events/s%s (ack → measure_status shows it)", "p50 %.0f ms, p99 %.0f ms (%d seen)",
                "command p99 in the same run: %.1f ms", "p99 goal < 1 s at 200/s", lagRate, lagRate < 200 ? " (200/s is above this run's maximum)" : "",
                lag.lags().p(50), lag.lags().p(99), lag.lags().size(), lagRun.latencies().p(99));

        JaversPeer.rows(app, fx, scale.peerChanges());

        // catch-up: a bulk load dated now, which every processor (projections, ledger, accounts) folds
        preloader.awaitProjected();
        long beforeLoad = app.events().countDocuments();
        long t0 = System.nanoTime();
        preloader.fillTo(beforeLoad + scale.catchUpEvents());
        double fillSeconds = (System.nanoTime() - t0) / 1e9;
        long loadedNow = app.events().countDocuments() - beforeLoad;
        double catchUp = preloader.awaitProjected();
        Rows.row("projection catch-up: a bulk load dated now, every processor", "%,d events loaded in %.1f s (paced ≤ 2,000/s), all folded %.1f s after the load ended",
                "—", "%,.0f events/s from load start to all folded", loadedNow, fillSeconds, catchUp, loadedNow / (fillSeconds + catchUp));

        // start-up and growth at the goal's store sizes: an archive dated in the past (see fillHistoric)
        t0 = System.nanoTime();
        preloader.fillHistoric(scale.startupEvents());
        long storedForStartup = app.events().countDocuments();
        System.out.printf("archive to %d events in %.1f s%n", storedForStartup, (System.nanoTime() - t0) / 1e9);
        System.out.printf("store file with %d events, before the close and its start-up compaction: %.1f MiB%n", storedForStartup,
                app.context.getBean(EmbeddedStore.class).backend().fileSize() / 1048576.0);
        app.close();

        Startup loaded = Startup.inChildJvm(dir);
        Rows.row("start-up (JVM start → /actuator/health UP), child JVM -Xmx1g", "%,d events: %.1f s, heap after GC %.0f MiB",
                "empty store: %.1f s, %.0f MiB", "%.2f× time, %.2f× heap", storedForStartup, loaded.seconds(), loaded.heapMiB(),
                empty.seconds(), empty.heapMiB(), loaded.seconds() / empty.seconds(), loaded.heapMiB() / empty.heapMiB());

        app = Souhra.start(dir);
        fx = fx.on(app);
        preloader = new Preloader(app, templateStream, template);
        t0 = System.nanoTime();
        preloader.fillHistoric(scale.growthEvents());
        System.out.printf("archive to %d events in %.1f s%n", app.events().countDocuments(), (System.nanoTime() - t0) / 1e9);

        // the rebuild folds the archive too, so afterwards the read models hold every stored event
        RebuildBench.rows(app);

        // The store settles after the rebuild first: its compaction of the dropped generation runs beside a
        // probe started at once (p50 6.9 ms against 5.3 ms 30 s later in a --quick run), and the goal asks
        // whether loading an aggregate depends on the events stored, not on what a rebuild leaves behind.
        Thread.sleep(GrowthPairs.SETTLE_AFTER_REBUILD_MILLIS);
        // The small side is a fresh store of 1k events opened beside the large one in this JVM, now warm (the cold
        // probe at the start runs before the JIT has compiled much: 0.29–0.65× against it), and the two are probed
        // in alternating rounds (GrowthPairs says why).
        GrowthPairs.Side smallSide = GrowthPairs.smallSide();
        Fixture smallFx = smallSide.fx();
        GrowthPairs.Result growth = GrowthPairs.measure(fx, smallFx, GrowthPairs.ROUNDS, GrowthPairs.ROUND_COMMANDS);
        Rows.add(GrowthPairs.row(growth));
        System.out.printf("growth against the cold probe at the start (%,d events, p50 %.1f ms): %.2f×%n", cold.stored(), cold.commands().p(50),
                growth.large().p(50) / cold.commands().p(50));
        GrowthProbe large = GrowthProbe.on(app, fx, preloader);
        GrowthProbe small = GrowthProbe.on(smallFx.app(), smallFx, smallSide.preloader());
        smallFx.app().close();
        app.close();
        Rows.row("growth: one measure's history (GET /history, ~30 entries), 1 client, warm", "%,d events stored: p50 %.1f ms, p99 %.1f ms",
                "%,d events stored: p50 %.1f ms, p99 %.1f ms (cold: p50 %.1f ms)", "%.2f× p50 (no goal; read through the history's subject index)",
                large.stored(), large.history().p(50), large.history().p(99), small.stored(), small.history().p(50), small.history().p(99),
                cold.history().p(50), large.history().p(50) / small.history().p(50));

        Rows.printTable(Rows.all());
        System.out.printf("%nwhole perf run: %.0f s%n", (System.nanoTime() - benchStarted) / 1e9);
    }
}
