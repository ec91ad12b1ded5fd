package cz.souhra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import cz.souhra.infra.reliability.BadRequests;
import cz.souhra.infra.reliability.Seed;

/**
 * {@code fuzz [count] [minutes]}: malformed and fuzzed requests against every endpoint of a Souhra
 * process (generated from its OpenAPI document, see BadRequests), 4 client threads, until {@code count}
 * (default 100 000) are sent or {@code minutes} (default 30) have passed. Prints 5xx, no-answer and leak
 * counts and the status histogram; the first offending requests are printed for replay (seeded).
 */
final class RelFuzzBench {
    private RelFuzzBench() {}

    static void run(String[] args) throws Exception {
        int count = Bench.argument(args, 1, 100_000);
        int minutes = Bench.argument(args, 2, 30);
        Path dir = Files.createTempDirectory("souhra-fuzz");
        RelApp app = RelApp.start(dir.resolve("data"), RelApp.freePort(), dir.resolve("souhra.log"));
        try {
            Seed.Region region = Seed.region(app.http, RelApp.ADMIN, 10);
            Map<String, List<String>> ids = Map.of(
                    "id", List.of(region.body(), region.meeting(), region.issue(), region.measures().get(0), "UPLB"),
                    "resolutionId", List.of(region.resolution()),
                    "inst", List.of("UPLB", "KULK"),
                    "institution", List.of("UPLB"));
            BadRequests fuzz = new BadRequests(app.http, ids, List.of(RelApp.ADMIN, RelApp.ADMIN, Seed.SECRETARY, Seed.OWNER));
            long started = System.nanoTime();
            BadRequests.Result r = fuzz.run(count, 20261123, 4, Duration.ofMinutes(minutes));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.println();
            System.out.printf("fuzz: endpoints=%d sent=%d in %.0f s (%.0f/s) 5xx=%d no-answer=%d (retried on a fresh connection: %d) leaks=%d request-line-over-4KB(414 or closed)=%d%n",
                    fuzz.endpoints().size(), r.sent(), seconds, r.sent() / seconds, r.serverErrors(), r.noAnswer(), r.retried(), r.leaks(), r.tooLong());
            System.out.println("statuses: " + r.byStatus());
            r.examples().forEach(e -> System.out.println("  " + e));
            System.out.println("log: " + app.log);
        } finally {
            app.stop();
        }
    }
}
