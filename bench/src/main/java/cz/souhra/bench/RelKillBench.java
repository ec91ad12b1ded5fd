package cz.souhra.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * {@code appkill [rounds]}: the whole application (HTTP commands) is SIGKILLed during a write load, then
 * restarted on the same data directory. 4 writers report progress on 10 measures and raise issues; an
 * acknowledged command is a 201/202. After each restart every acknowledged command must be in the
 * event store (read straight from the store), every acknowledged report must reach the measure's
 * history, and the read models must equal a full rebuild ({@code POST /api/admin/determinism}).
 */
final class RelKillBench {
    private RelKillBench() {}

    static void run(String[] args) throws Exception {
        int rounds = Bench.argument(args, 1, 20);
        RelApp.Home home = RelApp.Home.in(Files.createTempDirectory("souhra-appkill"), "souhra.log");
        RelApp app = home.start();
        Seed.Region region = Seed.region(app.http, RelApp.ADMIN, 10);
        Set<String> ackedNotes = ConcurrentHashMap.newKeySet();
        Set<String> ackedIssues = ConcurrentHashMap.newKeySet();
        int lostReports = 0;
        int lostIssues = 0;
        int notProjected = 0;
        int notDeterministic = 0;
        int ledgerBroken = 0;
        long events = 0;
        for (int round = 1; round <= rounds; round++) {
            AtomicBoolean stop = new AtomicBoolean();
            int ackedBefore = ackedNotes.size() + ackedIssues.size();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                int r = round;
                SouhraHttp http = app.http;
                Thread t = new Thread(() -> write(http, region, r, writer, stop, ackedNotes, ackedIssues));
                t.start();
                writers.add(t);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (ackedNotes.size() + ackedIssues.size() < ackedBefore + 20 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(200, 2_000));
            app.kill();
            stop.set(true);
            for (Thread t : writers) {
                t.join(120_000);
            }
            app = home.start();

            Set<String> storedNotes = new HashSet<>();
            Set<String> storedIssues = new HashSet<>();
            try (MongoClient store = MongoClients.create(home.store(""))) {
                var domainEvents = store.getDatabase("souhra").getCollection("domainevents");
                events = domainEvents.countDocuments();
                for (Document d : domainEvents.find(Filters.in("aggregateIdentifier", region.measures()))) {
                    if (String.valueOf(d.get("payloadType")).endsWith("ProgressReportedEvent")) {
                        storedNotes.add(payload(d).path("note").asText());
                    }
                }
                for (Document d : domainEvents.find(Filters.eq("type", "Issue"))) {
                    storedIssues.add(String.valueOf(d.get("aggregateIdentifier")));
                }
            }
            Set<String> missingNotes = new HashSet<>(ackedNotes);
            missingNotes.removeAll(storedNotes);
            Set<String> missingIssues = new HashSet<>(ackedIssues);
            missingIssues.removeAll(storedIssues);
            lostReports += missingNotes.size();
            lostIssues += missingIssues.size();
            ackedNotes.removeAll(missingNotes); // counted once, not again in later rounds
            ackedIssues.removeAll(missingIssues);

            int unprojected = awaitProjected(app.http, region, ackedNotes);
            notProjected += unprojected;
            boolean deterministic = deterministic(app.http);
            if (!deterministic) {
                notDeterministic++;
            }
            long chained = ledgerChained(app.http, events);
            if (chained < 0) {
                ledgerBroken++;
            }
            System.out.printf("round %d: acknowledged %d reports + %d issues so far, lost %d + %d, not projected %d, read models %s, ledger %s%n",
                    round, ackedNotes.size(), ackedIssues.size(), missingNotes.size(), missingIssues.size(), unprojected,
                    deterministic ? "= rebuild" : "DIFFER from rebuild", chained < 0 ? "BROKEN or incomplete" : "verified, " + chained + " entries");
        }
        app.stop();
        System.out.printf("%nkill -9 of the application (HTTP): rounds=%d acknowledged=%d (%d progress reports, %d new issues) lost=%d "
                        + "not-projected=%d rounds-with-read-models-differing-from-rebuild=%d rounds-with-ledger-not-verified=%d events-in-store=%d%n",
                rounds, ackedNotes.size() + ackedIssues.size() + lostReports + lostIssues, ackedNotes.size() + lostReports, ackedIssues.size() + lostIssues,
                lostReports + lostIssues, notProjected, notDeterministic, ledgerBroken, events);
    }

    private static void write(SouhraHttp http, Seed.Region region, int round, int writer, AtomicBoolean stop,
                              Set<String> ackedNotes, Set<String> ackedIssues) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; !stop.get(); i++) {
            if (i % 4 == 3) {
                Reply r = http.post(Seed.OWNER, "/api/issues", "{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Podnět k" + round + "-" + writer + "-" + i
                        + "\",\"locality\":\"Liberec\",\"observedOn\":\"2026-02-20\"}");
                if (r.status() == 201) {
                    ackedIssues.add(r.id());
                }
            } else {
                String note = "k" + round + "-" + writer + "-" + i;
                String measure = region.measures().get(random.nextInt(region.measures().size()));
                Reply r = http.post(Seed.OWNER, "/api/measures/" + measure + "/progress", "{\"percent\":" + random.nextInt(101) + ",\"note\":\"" + note + "\"}");
                if (r.status() == 202) {
                    ackedNotes.add(note);
                } else if (r.status() == 0) {
                    pause(); // the process is gone: do not spin
                }
            }
        }
    }

    /** The stored payload, whichever BSON shape the serializer gave it. */
    static JsonNode payload(Document d) throws java.io.IOException {
        Object p = d.get("serializedPayload");
        String json = p instanceof org.bson.types.Binary b ? new String(b.getData(), java.nio.charset.StandardCharsets.UTF_8)
                : p instanceof Document doc ? doc.toJson() : String.valueOf(p);
        return SouhraHttp.JSON.readTree(json);
    }

    /** Acknowledged reports missing from the measures' histories after at most 60 s. */
    private static int awaitProjected(SouhraHttp http, Seed.Region region, Set<String> acked) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Set<String> missing;
        do {
            Set<String> seen = new HashSet<>();
            for (String m : region.measures()) {
                Reply r = http.get(Seed.OWNER, "/api/measures/" + m + "/history");
                if (r.status() == 200) {
                    for (JsonNode e : r.json()) {
                        seen.add(e.path("details").path("note").asText());
                    }
                }
            }
            missing = new HashSet<>(acked);
            missing.removeAll(seen);
            if (missing.isEmpty()) {
                return 0;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return missing.size();
    }

    /**
     * The ledger verified intact and holding an entry for every stored event (the ledger processor appends in
     * batches, entries before heads, so a kill between the two must neither fork nor renumber the chain);
     * answers the number of entries, or -1 when after a few tries it is broken or still incomplete.
     */
    static long ledgerChained(SouhraHttp http, long storedEvents) throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            Reply r = http.get(RelApp.ADMIN, "/api/audit/verify");
            if (r.status() == 200 && r.json().path("ok").asBoolean() && r.json().path("entries").asLong() >= storedEvents) {
                return r.json().path("entries").asLong();
            }
            Thread.sleep(2_000);
        }
        return -1;
    }

    /** The determinism check, repeated a few times while live processors may still be catching up. */
    static boolean deterministic(SouhraHttp http) throws InterruptedException {
        for (int attempt = 0; attempt < 5; attempt++) {
            Reply r = http.post(RelApp.ADMIN, "/api/admin/determinism", "{}");
            if (r.status() == 200 && r.json().path("deterministic").asBoolean()) {
                return true;
            }
            Thread.sleep(2_000);
        }
        return false;
    }


    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
