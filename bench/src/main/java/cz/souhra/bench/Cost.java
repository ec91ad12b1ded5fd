package cz.souhra.bench;

import java.util.HashMap;
import java.util.Map;

/** Process CPU and store round trips between construction and {@link #stop}, per unit of work. */
final class Cost {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    private final long cpu0;
    private final long reads0;
    private final long writes0;
    private final Map<Long, Long> allocated0;
    private final ThreadCpu threads0;
    double cpuMillis;
    /** CPU per unit by thread group, the JVM's own threads (GC, JIT compilers) included. */
    Map<String, Double> threadMillis = Map.of();
    double reads;
    double writes;
    /** Heap allocated per unit by all threads (what a thread allocated before it ended in the window is lost). */
    double allocatedKb;

    Cost(Souhra app) {
        cpu0 = OS.getProcessCpuTime();
        reads0 = app.store().readCount();
        writes0 = app.store().writeCount();
        allocated0 = allocatedByThread();
        threads0 = ThreadCpu.now();
    }

    /** The JIT compilers' CPU per unit: what the window still spent on warming up. */
    double jitMillis() {
        return ThreadCpu.jit(threadMillis);
    }

    void stop(Souhra app, long units) {
        double n = Math.max(1, units);
        cpuMillis = (OS.getProcessCpuTime() - cpu0) / 1e6 / n;
        Map<String, Double> perUnit = new java.util.TreeMap<>();
        ThreadCpu.now().since(threads0).forEach((group, millis) -> perUnit.put(group, millis / n));
        threadMillis = perUnit;
        reads = (app.store().readCount() - reads0) / n;
        writes = (app.store().writeCount() - writes0) / n;
        long bytes = 0;
        for (Map.Entry<Long, Long> e : allocatedByThread().entrySet()) {
            bytes += e.getValue() - allocated0.getOrDefault(e.getKey(), 0L);
        }
        allocatedKb = bytes / 1024.0 / n;
    }

    private static Map<Long, Long> allocatedByThread() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                out.put(ids[i], bytes[i]);
            }
        }
        return out;
    }
}
