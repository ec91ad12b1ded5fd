package cz.souhra.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import cz.souhra.infra.reliability.ProgressRace;
import cz.souhra.infra.reliability.Seed;

/**
 * {@code race [reports-per-writer]}: 8 writers race on 10 measures over HTTP with If-Match versions and
 * retry on 409 (see ProgressRace); prints acknowledged reports, 409s, 5xx and lost updates.
 */
final class RelRaceBench {
    private RelRaceBench() {}

    static void run(String[] args) throws Exception {
        int perWriter = Bench.argument(args, 1, 100);
        Path dir = Files.createTempDirectory("souhra-race");
        RelApp app = RelApp.start(dir.resolve("data"), RelApp.freePort(), dir.resolve("souhra.log"));
        try {
            Seed.Region region = Seed.region(app.http, RelApp.ADMIN, 10);
            long started = System.nanoTime();
            ProgressRace.Result r = ProgressRace.run(app.http, Seed.OWNER, region.measures(), 8, perWriter, 20261123);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.println();
            System.out.printf("race: writers=%d measures=%d acknowledged=%d 409=%d 5xx=%d other-refusals=%d lost-updates=%d stored-unacknowledged=%d (%.0f s)%n",
                    r.writers(), r.measures(), r.acknowledged(), r.conflicts(), r.serverErrors(), r.otherRefusals(), r.lostUpdates(), r.unacknowledged(), seconds);
            r.problems().stream().limit(10).forEach(p -> System.out.println("  " + p));
        } finally {
            app.stop();
        }
    }
}
