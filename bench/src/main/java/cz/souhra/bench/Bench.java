package cz.souhra.bench;

import java.util.Arrays;

/** Entry point: each suite prints a table whose every figure stands beside its baseline from the same run. */
public final class Bench {
    private Bench() {}

    /** The value of {@code --name=N} among a suite's arguments (the last one given), or {@code fallback}. */
    static int option(String[] args, String name, int fallback) {
        int value = fallback;
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                value = Integer.parseInt(a.substring(name.length() + 3));
            }
        }
        return value;
    }

    /** The whole number at {@code args[index]}, or {@code fallback} where there are fewer arguments. */
    static int argument(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    public static void main(String[] args) throws Exception {
        cz.souhra.infra.SouhraApplication.disableUpdateChecker();
        String suite = args.length == 0 ? "all" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB heap, Java " + System.getProperty("java.version"));
        if (java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() < 2) {
            System.out.println("warning: common pool parallelism 1, the open-loop client starts a thread per command; "
                    + "run with -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 (bench/run.sh does)");
        }
        switch (suite) {
            case "store" -> StoreBench.run(rest);
            case "kill" -> KillBench.run(rest);
            case "verify" -> VerifyBench.run(rest);
            case "growth" -> GrowthBench.run(rest);
            case "fuzz" -> RelFuzzBench.run(args);
            case "appkill" -> RelKillBench.run(args);
            case "twoproc" -> RelTwoProcessBench.run(args);
            case "race" -> RelRaceBench.run(args);
            case "outage" -> RelOutageBench.run(args);
            case "footprint" -> FootprintBench.run(rest);
            case "search" -> SearchBench.run(rest);
            case "attach" -> {
                AttachmentBench.run(rest);
                System.exit(0);
            }
            case "tp" -> {
                ThroughputBench.run(rest);
                System.exit(0);
            }
            case "perf", "rebuild", "growth-pairs", "floor", "pages" -> {
                // The application's non-daemon threads would keep a failed run alive.
                try {
                    if (suite.equals("perf")) {
                        PerfBench.run(rest);
                    } else if (suite.equals("growth-pairs")) {
                        GrowthPairs.run(rest);
                    } else if (suite.equals("floor")) {
                        HttpFloorBench.run(rest);
                    } else if (suite.equals("pages")) {
                        PageBench.run(rest);
                    } else {
                        RebuildBench.run(rest);
                    }
                } catch (Exception | Error e) {
                    e.printStackTrace();
                    System.exit(1);
                }
                System.exit(0);
            }
            case "all" -> {
                StoreBench.run(rest);
                KillBench.run(rest);
                VerifyBench.run(new String[0]);
            }
            default -> throw new IllegalArgumentException("suites: store, kill, verify, growth, perf [--quick] [--events=N], rebuild [--events=N], growth-pairs [--events=N] [--rounds=R], floor [--seconds=N] [--warmup=S] [--rounds=R], tp [--seconds=N] [--jfr=FILE] [--jfc=NAME] [--latency | --rate=R], fuzz, appkill, twoproc, race, outage, footprint [--commands=10000,50000,200000], search [--events=N] [--queries=N] [--commit-every=N], attach [--mb=5] [--files=6] [--rounds=3], all");
        }
    }
}
