package cz.souhra.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import cz.souhra.infra.reliability.Seed;
import cz.souhra.infra.reliability.SouhraHttp;
import cz.souhra.infra.reliability.SouhraHttp.Reply;

/**
 * {@code twoproc [seconds]}: two Souhra processes on one store. A hosts the embedded store on a fixed
 * port, B uses it through {@code spring.data.mongodb.uri}. Each read-model processor has 2 segments;
 * A releases segment 1 of each so that B claims it (claims in the token store). Writers send commands
 * to both; B is SIGKILLed mid-load; A takes B's segments over when B's claims expire. Then: every
 * acknowledged command is in the store, every stored progress report is in its measure's history
 * exactly once (nothing processed twice into the read model, nothing missed), and the read models
 * equal a full rebuild.
 */
final class RelTwoProcessBench {
    private RelTwoProcessBench() {}

    static final List<String> READ_MODELS = List.of("directory", "history", "issues", "measures", "meetings");

    static void run(String[] args) throws Exception {
        int seconds = Bench.argument(args, 1, 10);
        RelApp.Home home = RelApp.Home.in(Files.createTempDirectory("souhra-twoproc"), "a.log");
        RelApp a = home.start();
        RelApp b = home.startSecond("b.log");
        try (MongoClient store = MongoClients.create(home.store(""))) {
            Seed.Region region = Seed.region(a.http, RelApp.ADMIN, 10);
            for (String p : READ_MODELS) {
                a.http.post(RelApp.ADMIN, "/api/admin/processors/" + p + "/segments/1/release", "{}");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (claimedBy(b.http).size() < READ_MODELS.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            System.out.println();
            System.out.println("claims before the kill: " + owners(store));

            Set<String> ackedNotes = ConcurrentHashMap.newKeySet();
            Set<String> ackedIssues = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                SouhraHttp target = w % 2 == 0 ? a.http : b.http;
                int writer = w;
                Thread t = new Thread(() -> write(target, region, writer, stop, ackedNotes, ackedIssues));
                t.start();
                writers.add(t);
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            b.kill();
            long killed = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            stop.set(true);
            for (Thread t : writers) {
                t.join(120_000);
            }
            // A claims B's segments once B's claims expire (10 s without an update).
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (claimedBy(a.http).size() < 2 * READ_MODELS.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            double takeover = (System.nanoTime() - killed) / 1e9;
            System.out.println("claims after the kill:  " + owners(store) + String.format(" (all on A %.1f s after the kill)", takeover));

            var events = store.getDatabase("souhra").getCollection("domainevents");
            Map<String, Set<String>> storedNotes = new HashMap<>();
            Set<String> allNotes = new HashSet<>();
            for (Document d : events.find(Filters.in("aggregateIdentifier", region.measures()))) {
                if (String.valueOf(d.get("payloadType")).endsWith("ProgressReportedEvent")) {
                    String note = RelKillBench.payload(d).path("note").asText();
                    storedNotes.computeIfAbsent(String.valueOf(d.get("aggregateIdentifier")), k -> new HashSet<>()).add(note);
                    allNotes.add(note);
                }
            }
            Set<String> issues = new HashSet<>();
            events.find(Filters.eq("type", "Issue")).forEach(d -> issues.add(String.valueOf(d.get("aggregateIdentifier"))));
            int lost = (int) (ackedNotes.stream().filter(n -> !allNotes.contains(n)).count() + ackedIssues.stream().filter(i -> !issues.contains(i)).count());

            int duplicates = 0;
            int missing = 0;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            do {
                duplicates = 0;
                missing = 0;
                for (String m : region.measures()) {
                    Reply r = a.http.get(Seed.OWNER, "/api/measures/" + m + "/history");
                    List<String> seen = new ArrayList<>();
                    for (JsonNode e : r.json()) {
                        if (e.path("type").asText().equals("ProgressReported")) {
                            seen.add(e.path("details").path("note").asText());
                        }
                    }
                    Set<String> distinct = new HashSet<>(seen);
                    duplicates += seen.size() - distinct.size();
                    Set<String> expected = storedNotes.getOrDefault(m, Set.of());
                    missing += (int) expected.stream().filter(n -> !distinct.contains(n)).count();
                }
                if (missing == 0) {
                    break;
                }
                Thread.sleep(500);
            } while (System.nanoTime() < deadline);
            boolean deterministic = RelKillBench.deterministic(a.http);
            System.out.printf("two processes, B killed: acknowledged=%d (A and B) lost=%d stored-reports=%d duplicated-in-history=%d "
                            + "missing-from-history=%d read-models %s%n",
                    ackedNotes.size() + ackedIssues.size(), lost, allNotes.size(), duplicates, missing, deterministic ? "= rebuild" : "DIFFER from rebuild");
        } finally {
            b.kill();
            a.stop();
        }
    }

    private static Set<String> claimedBy(SouhraHttp http) {
        Set<String> claims = new HashSet<>();
        Reply r = http.get(RelApp.ADMIN, "/api/admin/processors");
        if (r.status() == 200) {
            for (JsonNode p : r.json()) {
                if (READ_MODELS.contains(p.path("name").asText())) {
                    p.path("segmentsHere").forEach(s -> claims.add(p.path("name").asText() + "/" + s.asInt()));
                }
            }
        }
        return claims;
    }

    /** processor/segment → owning node, straight from the token store. */
    static Map<String, String> owners(MongoClient store) {
        Map<String, String> out = new TreeMap<>();
        for (Document d : store.getDatabase("souhra").getCollection("trackingtokens").find()) {
            String name = String.valueOf(d.get("processorName"));
            if (READ_MODELS.contains(name)) {
                out.put(name + "/" + d.get("segment"), String.valueOf(d.get("owner")).replaceAll("@.*", ""));
            }
        }
        return out;
    }

    static void write(SouhraHttp http, Seed.Region region, int writer, AtomicBoolean stop, Set<String> ackedNotes, Set<String> ackedIssues) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; !stop.get(); i++) {
            if (i % 4 == 3) {
                Reply r = http.post(Seed.OWNER, "/api/issues", "{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Podnět " + writer + "-" + i
                        + "\",\"locality\":\"Liberec\",\"observedOn\":\"2026-02-20\"}");
                if (r.status() == 201) {
                    ackedIssues.add(r.id());
                }
            } else {
                String note = "t" + writer + "-" + i;
                Reply r = http.post(Seed.OWNER, "/api/measures/" + region.measures().get(random.nextInt(region.measures().size())) + "/progress",
                        "{\"percent\":" + random.nextInt(101) + ",\"note\":\"" + note + "\"}");
                if (r.status() == 202) {
                    ackedNotes.add(note);
                } else if (r.status() == 0) {
                    pause(); // the process is gone: do not spin
                }
            }
        }
    }

    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
