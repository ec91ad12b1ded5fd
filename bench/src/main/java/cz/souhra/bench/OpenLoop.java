package cz.souhra.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Command latencies of an open loop, and the commands not accepted. */
record OpenLoop(Latencies latencies, long errors) {

    /**
     * Sends at a fixed rate whatever the answers (open loop); a latency is measured from the moment a
     * command was due, so a stalled server cannot hide its queue (no coordinated omission).
     */
    static OpenLoop run(Fixture fx, List<String> measures, double rate, int seconds, LagProbe probe) throws Exception {
        Latencies l = new Latencies();
        AtomicLong errors = new AtomicLong();
        int total = (int) (rate * seconds);
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String measure = measures.get(i % measures.size());
            int n = i;
            fx.app().http.postAsync(fx.owner(), "/api/measures/" + measure + "/progress", fx.progressJson(n)).whenComplete((r, e) -> {
                long now = System.nanoTime();
                if (e == null && r.status() == 202) {
                    l.add((now - due) / 1e6);
                    if (probe != null) {
                        probe.acknowledged(measure, now);
                    }
                } else {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("open-loop commands did not finish");
        }
        return new OpenLoop(l, errors.get());
    }
}
