package cz.souhra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads by name, from Linux's /proc/self/task: unlike ThreadMXBean it also
 * sees the JVM's own threads (GC workers, JIT compilers), which is what a run-to-run difference in CPU
 * per command has to be looked for among. Names are the kernel's (15 characters); numbered pool
 * threads are summed under their name without the number.
 */
final class ThreadCpu {

    /** The kernel's USER_HZ: utime and stime in /proc are in these ticks on every Linux we run on. */
    private static final double MILLIS_PER_TICK = 10.0;

    private record Task(String name, long ticks) {}

    /** By thread id: a pool's threads of the same name are told apart, and a new one counts from zero. */
    private final Map<String, Task> threads;

    private ThreadCpu(Map<String, Task> threads) {
        this.threads = threads;
    }

    /** Now, or an empty snapshot where there is no /proc (the breakdown is then empty, the run unaffected). */
    static ThreadCpu now() {
        Map<String, Task> out = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return new ThreadCpu(out);
        }
        try (Stream<Path> ts = Files.list(tasks)) {
            ts.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] rest = stat.substring(close + 2).split(" ");
                    // rest[0] is the state (field 3); utime and stime are fields 14 and 15
                    out.put(t.getFileName().toString(), new Task(stat.substring(open + 1, close), Long.parseLong(rest[11]) + Long.parseLong(rest[12])));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read: its time is lost to both snapshots alike
                }
            });
        } catch (IOException e) {
            // no listing, no breakdown: what was read so far is kept
        }
        return new ThreadCpu(out);
    }

    /** Milliseconds of CPU per thread group since {@code before}. */
    Map<String, Double> since(ThreadCpu before) {
        Map<String, Double> groups = new TreeMap<>();
        threads.forEach((tid, now) -> {
            Task then = before.threads.get(tid);
            long used = now.ticks() - (then == null ? 0 : then.ticks());
            if (used > 0) {
                groups.merge(group(now.name()), used * MILLIS_PER_TICK, Double::sum);
            }
        });
        return groups;
    }

    static String group(String name) {
        return name.replaceAll("[-#]?\\d+$", "").replaceAll("[-#]$", "");
    }

    /** The JIT compilers' part of these groups ("C1 CompilerThre", "C2 CompilerThre" in the kernel's names). */
    static double jit(Map<String, Double> groups) {
        return groups.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre")).mapToDouble(Map.Entry::getValue).sum();
    }

    /** The JIT compilers' share of these groups' CPU, 1 when nothing was measured (no /proc: never warm). */
    static double jitShare(Map<String, Double> groups) {
        double total = groups.values().stream().mapToDouble(Double::doubleValue).sum();
        return total <= 0 ? 1 : jit(groups) / total;
    }

    /** CPU per unit by group, the largest first, those under 2 % of the total summed as "other". */
    static String largest(Map<String, Double> perUnit) {
        double total = perUnit.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder sb = new StringBuilder();
        double other = 0;
        for (Map.Entry<String, Double> e : perUnit.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList()) {
            if (e.getValue() < total * 0.02) {
                other += e.getValue();
            } else {
                sb.append(sb.isEmpty() ? "" : ", ").append(String.format("%s %.2f", e.getKey(), e.getValue()));
            }
        }
        return sb.append(String.format("%sother %.2f (total %.2f)", sb.isEmpty() ? "" : ", ", other, total)).toString();
    }
}
