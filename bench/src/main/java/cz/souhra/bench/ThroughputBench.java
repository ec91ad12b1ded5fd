package cz.souhra.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

import com.mongodb.client.model.Filters;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code tp [--seconds=N] [--warmup=S] [--jfr=FILE] [--jfc=profile|default] [--latency | --rate=R]}: only the throughput row of {@code perf} and its cost row, on a
 * fresh store, for profiling the command path without the other phases; with {@code --jfr} a flight recording
 * (profile settings unless {@code --jfc} names others or gives a .jfc file) covers exactly the measured window. With {@code --latency} an open-loop window at half the
 * measured throughput (or at R commands/s) follows (perf's latency row, with the collectors' work in that window), and the recording covers that window instead.
 * With {@code -Dsouhra.embedded.census=true} it also prints the store's commands per command by name and collection.
 */
final class ThroughputBench {
    private ThroughputBench() {}

    static void run(String[] args) throws Exception {
        int seconds = 20;
        int warmup = 0;
        Path jfr = null;
        boolean latency = false;
        String settings = "profile";
        double fixedRate = 0;
        for (String a : args) {
            if (a.startsWith("--seconds=")) {
                seconds = Integer.parseInt(a.substring("--seconds=".length()));
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring("--warmup=".length()));
            } else if (a.startsWith("--jfr=")) {
                jfr = Path.of(a.substring("--jfr=".length()));
            } else if (a.startsWith("--jfc=")) {
                settings = a.substring("--jfc=".length());
            } else if (a.startsWith("--rate=")) {
                fixedRate = Double.parseDouble(a.substring("--rate=".length()));
                latency = true;
            } else if (a.equals("--latency")) {
                latency = true;
            }
        }
        Souhra app = Souhra.start(Files.createTempDirectory("souhra-tp"));
        Fixture fx = Fixture.create(app);
        List<String> pool = fx.adopt(ClosedLoop.CLIENTS * 16);
        Document sample = app.events().find(Filters.eq("aggregateIdentifier", pool.get(0))).first();

        Cost rawCost = new Cost(app);
        double raw = ClosedLoop.rawInserts(app, sample, seconds);
        rawCost.stop(app, Math.round(raw * seconds));

        // --warmup=N: a fixed warm-up; without it, perf's (until the JIT is under 5 % of the CPU, at most 240 s)
        String warmedUp;
        if (warmup > 0) {
            ClosedLoop.progress(fx, pool, warmup);
            warmedUp = warmup + " s fixed";
        } else {
            Warmup w = Warmup.untilJitSettles(fx, pool);
            warmedUp = String.format("%d s, JIT %.0f %% of its last slice", w.seconds(), w.jitShare() * 100);
        }
        Recording recording = latency ? null : record(jfr, settings);
        Map<String, Long> census0 = app.store().census();
        Cost cost = new Cost(app);
        ClosedLoop.Throughput souhra = ClosedLoop.progress(fx, pool, seconds);
        cost.stop(app, souhra.commands());
        // with -Dsouhra.embedded.census=true: the store's commands per command, by name and collection
        app.store().census().forEach((k, v) -> {
            long n = v - census0.getOrDefault(k, 0L);
            if (n > 0) {
                System.out.printf("| store %s | %.3f per command |%n", k, n / (double) souhra.commands());
            }
        });
        stop(recording, jfr);
        System.out.printf("| %d clients, %d s | %,.0f commands/s (%d errors), %.2f ms CPU, %.2f reads + %.2f writes, %,.0f KB allocated per command "
                        + "| raw insertOne: %,.0f/s, %.2f ms CPU, %,.0f KB | %.3f× throughput, %.1f× CPU |%n",
                ClosedLoop.CLIENTS, seconds, souhra.perSecond(), souhra.errors(), cost.cpuMillis, cost.reads, cost.writes, cost.allocatedKb,
                raw, rawCost.cpuMillis, rawCost.allocatedKb, souhra.perSecond() / raw, cost.cpuMillis / rawCost.cpuMillis);
        System.out.println("| CPU per command by thread (ms), warm-up " + warmedUp + " | " + ThreadCpu.largest(cost.threadMillis) + " |");
        if (latency) {
            double rate = fixedRate > 0 ? fixedRate : souhra.perSecond() / 2;
            recording = record(jfr, settings);
            Map<String, long[]> gcBefore = gc();
            OpenLoop half = OpenLoop.run(fx, pool, rate, seconds, null);
            String gc = gcSince(gcBefore);
            stop(recording, jfr);
            System.out.printf("| open loop, %.0f/s, %d s | p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d errors) | %s |%n", rate, seconds,
                    half.latencies().p(50), half.latencies().p(90), half.latencies().p(99), half.latencies().p(100), half.errors(), gc);
        }
        app.close();
    }

    /** Collections and their accumulated time per collector, as the JVM reports them. */
    private static Map<String, long[]> gc() {
        Map<String, long[]> out = new TreeMap<>();
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.put(b.getName(), new long[] {b.getCollectionCount(), b.getCollectionTime()});
        }
        return out;
    }

    /**
     * What each collector did since {@code before}; for G1's young and mixed collections the time is their
     * pause, for ZGC's and Shenandoah's cycles mostly concurrent work (their "Pauses" beans give the pauses).
     */
    private static String gcSince(Map<String, long[]> before) {
        StringBuilder sb = new StringBuilder();
        gc().forEach((name, now) -> {
            long[] b = before.getOrDefault(name, new long[2]);
            if (now[0] > b[0]) {
                sb.append(sb.isEmpty() ? "" : ", ").append(String.format("%s: %d in %d ms", name, now[0] - b[0], now[1] - b[1]));
            }
        });
        return sb.isEmpty() ? "no collections" : sb.toString();
    }

    private static Recording record(Path jfr, String settings) throws Exception {
        if (jfr == null) {
            return null;
        }
        // A path to a .jfc file records only what it enables (an allocation-only recording costs far less than "profile").
        Configuration configuration = settings.endsWith(".jfc") ? Configuration.create(Path.of(settings)) : Configuration.getConfiguration(settings);
        Recording recording = new Recording(configuration);
        recording.start();
        return recording;
    }

    private static void stop(Recording recording, Path jfr) throws Exception {
        if (recording != null) {
            recording.stop();
            recording.dump(jfr);
            recording.close();
        }
    }
}
