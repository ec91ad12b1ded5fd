package cz.souhra.bench;

import java.util.List;

/**
 * One client's command latencies on {@value ClosedLoop#CLIENTS} newly adopted measures and a history read of the
 * first, with the number of events stored when it began: the growth rows compare it between stores.
 */
record GrowthProbe(long stored, Latencies commands, Latencies history) {
    static GrowthProbe on(Souhra app, Fixture fx, Preloader preloader) throws InterruptedException {
        List<String> measures = fx.adopt(ClosedLoop.CLIENTS);
        long stored = app.events().countDocuments();
        Latencies commands = sequentialLatency(fx, measures, 200);
        preloader.awaitProjected();
        return new GrowthProbe(stored, commands, historyReads(fx, measures.get(0), 30));
    }

    /** One client's commands on {@code measures} in turn: 20 unrecorded, then {@code commands} recorded. */
    static Latencies sequentialLatency(Fixture fx, List<String> measures, int commands) {
        for (int i = 0; i < 20; i++) {
            fx.progress(measures.get(i % measures.size()), i).expect(202);
        }
        Latencies l = new Latencies();
        for (int i = 0; i < commands; i++) {
            long t = System.nanoTime();
            fx.progress(measures.get(i % measures.size()), i).expect(202);
            l.add((System.nanoTime() - t) / 1e6);
        }
        return l;
    }

    /** Sequential reads of one measure's history after five unmeasured ones. */
    static Latencies historyReads(Fixture fx, String measure, int reads) {
        Latencies l = new Latencies();
        for (int i = 0; i < reads + 5; i++) {
            long t = System.nanoTime();
            fx.app().http.get(fx.owner(), "/api/measures/" + measure + "/history").expect(200);
            if (i >= 5) {
                l.add((System.nanoTime() - t) / 1e6);
            }
        }
        return l;
    }
}
