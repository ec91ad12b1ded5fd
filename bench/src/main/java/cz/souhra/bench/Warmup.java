package cz.souhra.bench;

import java.util.List;

/** How long the load ran before a measured window, and what the JIT compilers still took of its last slice. */
record Warmup(int seconds, double jitShare) {
    static final int SLICE_SECONDS = 10;
    static final int MAX_SECONDS = 240;
    static final double JIT_SHARE = 0.05;

    /**
     * Runs the clients in 10 s slices until the JIT compilers took under 5 % of the process's CPU in a slice,
     * or for at most 240 s. On 2 cores one C2 thread still takes 13–20 % of the CPU after 60 and 150 s of load
     * (it compiles the next few hundred methods every 10 s), and a window measured after 2 s of warm-up varies
     * between 141 and 230 commands/s with the JIT's progress.
     */
    static Warmup untilJitSettles(Fixture fx, List<String> pool) throws Exception {
        int seconds = 0;
        double share = 1;
        while (seconds < MAX_SECONDS && share >= JIT_SHARE) {
            ThreadCpu before = ThreadCpu.now();
            ClosedLoop.progress(fx, pool, SLICE_SECONDS);
            seconds += SLICE_SECONDS;
            share = ThreadCpu.jitShare(ThreadCpu.now().since(before));
        }
        return new Warmup(seconds, share);
    }
}
