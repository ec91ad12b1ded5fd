package cz.souhra.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import cz.souhra.query.audit.Ledger;
import cz.souhra.query.audit.LedgerVerifier;
import cz.souhra.query.audit.VerificationReport;
import cz.souhra.infra.axon.AxonMongoConfiguration;
import cz.souhra.infra.store.EmbeddedStore;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.RegionCode;

/**
 * Ledger verification rate against its floor: a raw cursor over the same event documents plus SHA-256 of
 * their payload and metadata text, in the same run on the same store.
 */
final class VerifyBench {
    private VerifyBench() {}

    static void run(String[] args) throws Exception {
        int events = Bench.argument(args, 0, 20_000);
        Path dir = Files.createTempDirectory("souhra-verify-bench");
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            var serializer = cz.souhra.shared.json.EventJson.serializer();
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "souhra").build())
                    .eventSerializer(serializer).snapshotSerializer(serializer).build();
            engine.ensureIndexes();
            MongoDatabase db = client.getDatabase("souhra");
            Ledger ledger = Ledger.over(db);
            List<String[]> keys = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String id = UUID.randomUUID().toString();
                // A progress report as the owner institution files it: the size and shape of a real event.
                String region = i % 3 == 0 ? "LBK" : "ULK";
                engine.appendEvents(new GenericDomainEventMessage<>("Measure", id, 0,
                        new ProgressReportedEvent(MeasureId.of(id), RegionCode.of(region), i % 101,
                                "Zmapováno " + (i % 30) + " z 30 ubytoven v průmyslové zóně Liberec-jih; jednání s agenturami práce pokračují.",
                                LocalDate.of(2026, 4, 1 + i % 28)),
                        MetaData.with("region", region).and("user", "uplb.novakova").and("institution", "UPLB")
                                .and("correlationId", UUID.randomUUID().toString()).and("traceId", UUID.randomUUID().toString())));
                keys.add(new String[] {id});
            }
            for (String[] k : keys) {
                ledger.append(k[0], 0);
            }

            // Both sides read the same documents through the same driver; the first pass of each only warms
            // the JIT and the store's page cache, then five alternating passes are timed and the median kept,
            // so neither side is charged with the other's warm-up.
            LedgerVerifier verifier = new LedgerVerifier(ledger);
            VerificationReport report = null;
            List<Double> rawRates = new ArrayList<>();
            List<Double> verifyRates = new ArrayList<>();
            for (int pass = 0; pass < 6; pass++) {
                long t0 = System.nanoTime();
                long raw = rawPass(db);
                double rawRate = raw / ((System.nanoTime() - t0) / 1e9);
                long t1 = System.nanoTime();
                report = verifier.verify((done, total) -> { });
                double verifyRate = report.entries() / ((System.nanoTime() - t1) / 1e9);
                System.out.printf("pass %d: raw %.0f events/s, verification %.0f events/s%s%n", pass, rawRate, verifyRate, pass == 0 ? " (warm-up)" : "");
                if (pass > 0) {
                    rawRates.add(rawRate);
                    verifyRates.add(verifyRate);
                }
            }
            double rawMedian = median(rawRates);
            double verifyMedian = median(verifyRates);
            System.out.println();
            System.out.println("| figure | Souhra | baseline (same run) | ratio |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| ledger verification, %d events (ok=%s), median of 5 | %.0f events/s | raw cursor + SHA-256: %.0f events/s | %.2f× |%n",
                    events, report.ok(), verifyMedian, rawMedian, verifyMedian / rawMedian);
        }
    }

    private static long rawPass(MongoDatabase db) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long raw = 0;
        for (Document d : db.getCollection("domainevents").find()) {
            sha.update(String.valueOf(d.get("serializedPayload")).getBytes(StandardCharsets.UTF_8));
            sha.update(String.valueOf(d.get("serializedMetaData")).getBytes(StandardCharsets.UTF_8));
            sha.digest();
            raw++;
        }
        return raw;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
