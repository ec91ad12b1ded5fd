package cz.souhra.infra.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import cz.souhra.infra.reliability.SouhraHttp.Credentials;
import cz.souhra.infra.reliability.SouhraHttp.Reply;

/**
 * Writers racing on a few measures over HTTP: each progress report carries the version its writer
 * believes current ({@code If-Match}); a 409 tells the current version and the writer retries on it.
 * A lost update would be an acknowledged report that is not the event right after the version it was
 * based on (two writers both acknowledged on the same version, one overwriting the other). After the
 * run every measure's history is read back and each acknowledged report looked up at its sequence.
 */
public final class ProgressRace {

    public record Ack(String measure, long basedOn, String note) {}

    /**
     * @param lostUpdates        acknowledged reports missing at the sequence right after their If-Match version
     * @param unacknowledged     reports stored although their writer got no 2xx (only possible after a 5xx or timeout)
     * @param conflicts          409 answers (each followed by a retry)
     * @param serverErrors       5xx answers or no answer
     */
    public record Result(int writers, int measures, int acknowledged, int conflicts, int serverErrors, int otherRefusals,
                         int lostUpdates, int unacknowledged, List<String> problems) {}

    private ProgressRace() {}

    public static Result run(SouhraHttp http, Credentials owner, List<String> measures, int writers, int reportsPerWriter, long seed)
            throws Exception {
        ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(pool.submit(() -> {
                    Random random = new Random(seed + writer);
                    Map<String, Long> believed = new HashMap<>();
                    for (int i = 0; i < reportsPerWriter; i++) {
                        String measure = measures.get(random.nextInt(measures.size()));
                        String note = "w" + writer + "-r" + i;
                        for (int attempt = 0; attempt < 200; attempt++) {
                            long v = believed.getOrDefault(measure, 0L);
                            Reply r = http.post(owner, "/api/measures/" + measure + "/progress",
                                    "{\"percent\":" + random.nextInt(101) + ",\"note\":\"" + note + "\",\"effectiveOn\":\"2026-04-15\"}",
                                    Map.of("If-Match", "\"" + v + "\""));
                            if (r.status() == 202) {
                                acks.add(new Ack(measure, v, note));
                                believed.put(measure, v + 1);
                                break;
                            }
                            if (r.status() == 409) {
                                conflicts.incrementAndGet();
                                JsonNode current = r.json().path("currentVersion");
                                // CONCURRENT_CHANGE (lost the append race) names no version: the retry on the
                                // same version is then answered with VERSION_CONFLICT and the current one.
                                if (current.isNumber()) {
                                    believed.put(measure, current.asLong());
                                }
                                continue;
                            }
                            if (r.serverError()) {
                                serverErrors.incrementAndGet();
                            } else {
                                other.incrementAndGet();
                            }
                            problems.add(r.status() + " " + r.body());
                            break;
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int lost = 0;
        int unacknowledged = 0;
        for (String measure : measures) {
            List<Ack> mine = acks.stream().filter(a -> a.measure().equals(measure)).toList();
            Map<Long, String> stored = storedNotes(http, owner, measure, mine.size(), Duration.ofSeconds(60));
            for (Ack a : mine) {
                if (!a.note().equals(stored.get(a.basedOn() + 1))) {
                    lost++;
                    problems.add("lost: " + a + " found " + stored.get(a.basedOn() + 1));
                }
            }
            unacknowledged += Math.max(0, stored.size() - mine.size());
        }
        return new Result(writers, measures.size(), acks.size(), conflicts.get(), serverErrors.get(), other.get(), lost, unacknowledged,
                List.copyOf(problems));
    }

    /** Sequence → note of every progress report in the measure's history, once it holds at least {@code expected}. */
    static Map<Long, String> storedNotes(SouhraHttp http, Credentials who, String measure, int expected, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Map<Long, String> notes = new HashMap<>();
        while (true) {
            notes.clear();
            Reply r = http.get(who, "/api/measures/" + measure + "/history");
            if (r.status() == 200) {
                for (JsonNode e : r.json()) {
                    if (e.path("type").asText().equals("ProgressReported")) {
                        notes.put(e.path("sequence").asLong(), e.path("details").path("note").asText());
                    }
                }
            }
            if (notes.size() >= expected || System.nanoTime() > deadline) {
                return notes;
            }
            Thread.sleep(100);
        }
    }
}
