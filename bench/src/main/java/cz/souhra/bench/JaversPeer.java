package cz.souhra.bench;

import java.time.LocalDate;
import java.util.UUID;

import org.javers.core.Javers;
import org.javers.core.JaversBuilder;
import org.javers.repository.jql.QueryBuilder;
import org.javers.repository.mongo.MongoRepository;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The conventional peer: Spring Data MongoDB keeps one mutable document per measure and JaVers its
 * history, on the same embedded store, against Souhra's command and history read over HTTP.
 */
final class JaversPeer {
    private JaversPeer() {}

    /** The state a conventional application keeps: one mutable document per measure. */
    static final class PeerMeasure {
        @org.springframework.data.annotation.Id
        @org.javers.core.metamodel.annotation.Id
        String id;
        String title;
        String owner;
        LocalDate dueDate;
        String status;
        int percent;
        String note;
        LocalDate effectiveOn;
    }

    static void rows(Souhra app, Fixture fx, int changes) throws Exception {
        // Journaled like Souhra's events: the peer's change is acknowledged only once it is on disk too.
        MongoTemplate template = new MongoTemplate(app.client, "javers_peer");
        template.setWriteConcern(com.mongodb.WriteConcern.JOURNALED);
        Javers javers = JaversBuilder.javers().registerJaversRepository(new MongoRepository(
                app.client.getDatabase("javers_peer").withWriteConcern(com.mongodb.WriteConcern.JOURNALED))).build();
        PeerMeasure m = new PeerMeasure();
        m.id = UUID.randomUUID().toString();
        m.title = "Opatření";
        m.owner = "UPLB";
        m.dueDate = LocalDate.of(2027, 6, 30);
        m.status = "OPEN";
        template.save(m);
        javers.commit("tajemnice", m);
        for (int i = 0; i < 10; i++) { // warm-up
            m.percent = i;
            template.save(m);
            javers.commit("uprace", m);
        }
        long t = System.nanoTime();
        for (int i = 0; i < changes; i++) {
            m.percent = (i + 11) % 100;
            m.note = "Průběžná zpráva " + i;
            m.status = "IN_PROGRESS";
            m.effectiveOn = LocalDate.of(2026, 4, 15);
            template.save(m);
            javers.commit("uprace", m);
        }
        double peerWrite = changes / ((System.nanoTime() - t) / 1e9);
        Latencies peerReads = new Latencies();
        int peerEntries = 0;
        for (int i = 0; i < 30; i++) {
            long r = System.nanoTime();
            peerEntries = javers.findSnapshots(QueryBuilder.byInstanceId(m.id, PeerMeasure.class).limit(10_000).build()).size();
            peerReads.add((System.nanoTime() - r) / 1e6);
        }

        String measure = fx.adopt(1).get(0);
        for (int i = 0; i < 10; i++) {
            fx.progress(measure, i).expect(202);
        }
        t = System.nanoTime();
        for (int i = 0; i < changes; i++) {
            fx.progress(measure, i + 11).expect(202);
        }
        double souhraWrite = changes / ((System.nanoTime() - t) / 1e9);
        long expected = changes + 11;
        long deadline = System.nanoTime() + 60_000_000_000L;
        String history;
        do {
            // 404 until the query side has seen the measure at all
            history = fx.app().http.get(fx.owner(), "/api/measures/" + measure + "/history").body();
            Thread.sleep(20);
        } while (count(history, "\"type\"") < expected && System.nanoTime() < deadline);
        Latencies souhraReads = new Latencies();
        for (int i = 0; i < 30; i++) {
            long r = System.nanoTime();
            history = fx.app().http.get(fx.owner(), "/api/measures/" + measure + "/history").expect(200).body();
            souhraReads.add((System.nanoTime() - r) / 1e6);
        }
        Rows.row("record a measure change, 1 client (%d changes)", "command over HTTP: %,.0f/s", "peer Spring Data save + JaVers commit (in-process, no HTTP): %,.0f/s",
                "%.2f×", changes, souhraWrite, peerWrite, souhraWrite / peerWrite);
        Rows.row("read a measure's full history (%d entries)", "GET /history over HTTP: p50 %.1f ms", "peer JaVers findSnapshots (%d snapshots, in-process): p50 %.1f ms",
                "%.2f× speed", count(history, "\"type\""), souhraReads.p(50), peerEntries, peerReads.p(50), peerReads.p(50) / souhraReads.p(50));
        app.client.getDatabase("javers_peer").drop();
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
