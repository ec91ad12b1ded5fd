package cz.souhra.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import cz.souhra.infra.reliability.Seed;
import cz.souhra.infra.reliability.SouhraHttp.Reply;

/**
 * {@code outage [requests]}: Souhra B runs on the store hosted by Souhra A. The store goes away in two
 * ways: A is SIGKILLed (connections refused), and A is SIGSTOPped (the port accepts nothing and answers
 * nothing). Meanwhile B gets reads and progress reports; each answer's status and time are recorded
 * (goal: 503 ProblemDetail within 2 s). Then the store comes back (A restarted / SIGCONT) and the time
 * until B acknowledges a command again is measured, with no restart of B. Reports refused with 503
 * STORE_UNAVAILABLE must not be in the store afterwards; reports that were on their way when the store froze
 * are answered STORE_UNAVAILABLE_OUTCOME_UNKNOWN and counted apart, with how many of them did land.
 */
final class RelOutageBench {
    private RelOutageBench() {}

    static void run(String[] args) throws Exception {
        int requests = Bench.argument(args, 1, 20);
        RelApp.Home home = RelApp.Home.in(Files.createTempDirectory("souhra-outage"), "a.log");
        RelApp a = home.start();
        RelApp b = home.startSecond("b.log");
        try {
            Seed.Region region = Seed.region(a.http, RelApp.ADMIN, 10);
            String measure = region.measures().get(0);
            System.out.println();
            Set<String> refused = new HashSet<>();
            Set<String> unknown = new HashSet<>();

            a.kill();
            outage("host killed (connection refused)", b, measure, requests, refused, unknown);
            long back = System.nanoTime();
            a = home.start();
            System.out.printf("  store back (A restarted in %.1f s); B acknowledges again %.1f s after the store is up, without a restart%n",
                    (System.nanoTime() - back) / 1e9, resume(b, measure));

            new ProcessBuilder("kill", "-STOP", String.valueOf(a.process.pid())).start().waitFor();
            outage("host frozen (SIGSTOP: port accepts, nothing answers)", b, measure, requests, refused, unknown);
            new ProcessBuilder("kill", "-CONT", String.valueOf(a.process.pid())).start().waitFor();
            System.out.printf("  store back (SIGCONT); B acknowledges again %.1f s later%n", resume(b, measure));

            Set<String> stored = new HashSet<>();
            try (MongoClient store = MongoClients.create(home.store(""))) {
                for (Document d : store.getDatabase("souhra").getCollection("domainevents").find(Filters.eq("aggregateIdentifier", measure))) {
                    stored.add(RelKillBench.payload(d).path("note").asText());
                }
            }
            refused.retainAll(stored);
            int unknownTotal = unknown.size();
            unknown.retainAll(stored);
            System.out.printf("outage: reports refused with 503 STORE_UNAVAILABLE but stored=%d; answered 503 STORE_UNAVAILABLE_OUTCOME_UNKNOWN=%d, of them stored after the store came back=%d%n",
                    refused.size(), unknownTotal, unknown.size());
        } finally {
            b.kill();
            a.kill();
        }
    }

    private static void outage(String what, RelApp b, String measure, int requests, Set<String> refused, Set<String> unknown) throws InterruptedException {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Long> millis = new ArrayList<>();
        int problems = 0;
        for (int i = 0; i < requests; i++) {
            Reply r;
            if (i % 2 == 0) {
                r = b.http.get(Seed.OWNER, "/api/measures/" + measure);
            } else {
                String note = "outage-" + System.nanoTime();
                r = b.http.post(Seed.OWNER, "/api/measures/" + measure + "/progress", "{\"percent\":50,\"note\":\"" + note + "\"}");
                if (r.status() == 503 && r.body().contains("\"code\":\"STORE_UNAVAILABLE\"")) {
                    refused.add(note);
                } else if (r.status() == 503) {
                    unknown.add(note);
                }
            }
            statuses.merge(r.status(), 1, Integer::sum);
            millis.add(r.millis());
            if (r.status() == 503 && r.body().contains("\"code\":\"STORE_UNAVAILABLE")) {
                problems++;
            }
            Thread.sleep(100);
        }
        long max = millis.stream().mapToLong(Long::longValue).max().orElse(0);
        long within2s = millis.stream().filter(m -> m <= 2_000).count();
        System.out.printf("outage, %s: requests=%d statuses=%s 503-problems=%d answered-within-2s=%d max=%d ms median=%d ms%n",
                what, requests, statuses, problems, within2s, max, millis.stream().sorted().toList().get(millis.size() / 2));
    }

    /** Seconds until B acknowledges a progress report again. */
    private static double resume(RelApp b, String measure) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (b.http.post(Seed.OWNER, "/api/measures/" + measure + "/progress", "{\"percent\":60,\"note\":\"resumed\"}").status() == 202) {
                return (System.nanoTime() - started) / 1e9;
            }
            Thread.sleep(100);
        }
        return Double.NaN;
    }
}
