package cz.souhra.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Growth measured in pairs: a large store and a small one are open at the same time in one warm JVM, and
 * one client's commands go to them in alternating rounds (small first in even rounds, large first in odd
 * ones). Probing one side after the other, minutes apart, lets the host's drift and the JIT's progress
 * decide the ratio (1.83×, 0.77× and 1.48× in three full runs of the same code). Each
 * round gives a ratio of the two sides' medians taken within seconds of each other; the median of the
 * rounds' ratios is the figure, their spread says how far to trust it. On this shared host one side's p50
 * moved between 3.5 and 8.7 ms from round to round (10 rounds of 200), so the rounds are many and short.
 */
final class GrowthPairs {
    private GrowthPairs() {}

    static final int SMALL_EVENTS = 1_000;
    static final int ROUNDS = 30;
    static final int ROUND_COMMANDS = 100;
    /** How long the store settles after a rebuild before the rounds: its compaction of the dropped generation runs then. */
    static final long SETTLE_AFTER_REBUILD_MILLIS = 30_000;

    /** One round's medians: commands on the large store, on the small one. */
    record Round(double large, double small) {
        double ratio() {
            return large / small;
        }
    }

    record Result(long largeStored, long smallStored, List<Round> rounds, Latencies large, Latencies small) {
        /** The q-quantile of the rounds' ratios (0.5: their median), interpolated between neighbours. */
        double ratio(double q) {
            return Latencies.quantile(rounds.stream().map(Round::ratio).toList(), q);
        }

        /** Rounds in which the large store was slower than the goal allows. */
        long roundsAbove(double goal) {
            return rounds.stream().filter(r -> r.ratio() > goal).count();
        }
    }

    /**
     * {@code rounds} rounds after one unrecorded round (its first commands on each side fill the store's page
     * cache and the aggregate caches of that side); each side gets 8 newly adopted measures per round, 20
     * unrecorded commands and then {@code commands} recorded ones, as {@link GrowthProbe} does.
     */
    static Result measure(Fixture largeFx, Fixture smallFx, int rounds, int commands) throws InterruptedException {
        Latencies large = new Latencies();
        Latencies small = new Latencies();
        List<Round> out = new ArrayList<>();
        long largeStored = largeFx.app().events().countDocuments();
        long smallStored = smallFx.app().events().countDocuments();
        for (int r = -1; r < rounds; r++) {
            boolean smallFirst = Math.floorMod(r, 2) == 0;
            Latencies first = probe(smallFirst ? smallFx : largeFx, commands);
            Latencies second = probe(smallFirst ? largeFx : smallFx, commands);
            Latencies l = smallFirst ? second : first;
            Latencies s = smallFirst ? first : second;
            if (r >= 0) {
                out.add(new Round(l.p(50), s.p(50)));
                l.values().forEach(large::add);
                s.values().forEach(small::add);
                System.out.printf("growth round %d (%s first): large p50 %.2f ms, small p50 %.2f ms, %.2f×%n", r + 1,
                        smallFirst ? "small" : "large", l.p(50), s.p(50), l.p(50) / s.p(50));
            }
        }
        return new Result(largeStored, smallStored, out, large, small);
    }

    private static Latencies probe(Fixture fx, int commands) throws InterruptedException {
        Latencies l = GrowthProbe.sequentialLatency(fx, fx.adopt(ClosedLoop.CLIENTS), commands);
        // The processors fold what this side just did (lag p99 about 0.1 s); the other side's probe should
        // not share the cores with them.
        Thread.sleep(1_000);
        return l;
    }

    record Side(Fixture fx, Preloader preloader) {}

    /** A fresh store in this JVM holding the fixture and {@value #SMALL_EVENTS} events, all projected. */
    static Side smallSide() throws Exception {
        Souhra small = Souhra.start(Files.createTempDirectory("souhra-growth-small"));
        Fixture fx = Fixture.create(small);
        Preloader preloader = Preloader.fromRealMeasure(small, fx);
        preloader.fillTo(SMALL_EVENTS);
        preloader.awaitProjected();
        return new Side(fx, preloader);
    }

    /**
     * {@code growth-pairs [--events=N] [--rounds=R]}: only the growth rows. The large store gets the fixture,
     * a real measure stream and an archive of N events (default 200k) folded by a full rebuild, then settles
     * after the JIT is warmed by the 8-client load on it (until the compilers take under 5 % of the CPU, as in perf).
     */
    static void run(String[] args) throws Exception {
        int events = Bench.option(args, "events", 200_000);
        int rounds = Bench.option(args, "rounds", ROUNDS);
        long t0 = System.nanoTime();
        Souhra app = Souhra.start(Files.createTempDirectory("souhra-growth-large"));
        Fixture largeFx = Fixture.create(app);
        Preloader.fromRealMeasure(app, largeFx).fillHistoric(events);
        System.out.printf("archive to %d events in %.1f s%n", app.events().countDocuments(), (System.nanoTime() - t0) / 1e9);
        RebuildBench.rows(app);
        // Warmed on the large store: a load on the small one would make it large too (240 s put 52k events there).
        Warmup warmup = Warmup.untilJitSettles(largeFx, largeFx.adopt(ClosedLoop.CLIENTS * 16));
        System.out.printf("warm-up: %d s of 8-client load on the large store, JIT %.1f %% of the CPU in its last slice%n",
                warmup.seconds(), warmup.jitShare() * 100);
        Thread.sleep(SETTLE_AFTER_REBUILD_MILLIS);
        Fixture smallFx = smallSide().fx();
        Result result = measure(largeFx, smallFx, rounds, ROUND_COMMANDS);
        Rows.printTable(List.of(row(result)));
        smallFx.app().close();
        app.close();
    }

    static String row(Result r) {
        return String.format("| growth: command latency, 1 client, 25-event measures, %d alternating rounds of %d commands, both stores open in one warm JVM "
                        + "| %,d events stored: p50 %.2f ms, p99 %.1f ms | %,d events stored: p50 %.2f ms, p99 %.1f ms "
                        + "| median of the rounds' p50 ratios %.2f× (middle half of the rounds %.2f–%.2f×, all %.2f–%.2f×; %d of %d rounds above 1.3×; pooled p50 %.2f×) (goal ≤ 1.3×) |",
                r.rounds().size(), r.large().size() / Math.max(1, r.rounds().size()), r.largeStored(), r.large().p(50), r.large().p(99),
                r.smallStored(), r.small().p(50), r.small().p(99), r.ratio(0.5), r.ratio(0.25), r.ratio(0.75), r.ratio(0), r.ratio(1), r.roundsAbove(1.3),
                r.rounds().size(), r.large().p(50) / r.small().p(50));
    }
}
