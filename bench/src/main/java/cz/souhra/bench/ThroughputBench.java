package cz.souhra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.model.Filters;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code tp [--seconds=N] [--jfr=FILE]}: only the throughput row of {@code perf} and its cost row, on a fresh
 * store, for profiling the command path without the other phases; with {@code --jfr} a flight recording
 * (profile settings) covers exactly the measured window.
 */
final class ThroughputBench {
    private ThroughputBench() {}

    static void run(String[] args) throws Exception {
        int seconds = 20;
        Path jfr = null;
        for (String a : args) {
            if (a.startsWith("--seconds=")) {
                seconds = Integer.parseInt(a.substring("--seconds=".length()));
            } else if (a.startsWith("--jfr=")) {
                jfr = Path.of(a.substring("--jfr=".length()));
            }
        }
        PerfBench.Souhra app = PerfBench.Souhra.start(Files.createTempDirectory("souhra-tp"));
        PerfBench.Fixture fx = PerfBench.Fixture.create(app);
        List<String> pool = fx.adopt(PerfBench.CLIENTS * 16);
        Document sample = app.events().find(Filters.eq("aggregateIdentifier", pool.get(0))).first();

        PerfBench.Cost rawCost = new PerfBench.Cost(app);
        double raw = PerfBench.rawInserts(app, sample, seconds);
        rawCost.stop(app, Math.round(raw * seconds));

        PerfBench.runClients(fx, pool, 5);
        Recording recording = null;
        if (jfr != null) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.start();
        }
        PerfBench.Cost cost = new PerfBench.Cost(app);
        PerfBench.Throughput souhra = PerfBench.runClients(fx, pool, seconds);
        cost.stop(app, souhra.commands());
        if (recording != null) {
            recording.stop();
            recording.dump(jfr);
            recording.close();
        }
        System.out.printf("| %d clients, %d s | %,.0f commands/s (%d errors), %.2f ms CPU, %.2f reads + %.2f writes per command "
                        + "| raw insertOne: %,.0f/s, %.2f ms CPU | %.3f× throughput, %.1f× CPU |%n",
                PerfBench.CLIENTS, seconds, souhra.perSecond(), souhra.errors(), cost.cpuMillis, cost.reads, cost.writes,
                raw, rawCost.cpuMillis, souhra.perSecond() / raw, cost.cpuMillis / rawCost.cpuMillis);
        app.close();
    }
}
