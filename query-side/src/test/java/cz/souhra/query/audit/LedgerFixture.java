package cz.souhra.query.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.bson.Document;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A ledger over an in-memory store for the ledger's tests: progress reports and recorded checkpoints of one
 * region, chained as the ledger processor chains them, and the insider's tools: edit a stored event and
 * recompute the chain after it from docs/ledger.md, as the attack of issue #34 did.
 */
final class LedgerFixture implements AutoCloseable {

    static final String REGION = "LBK";
    static final String PROGRESS = "cz.souhra.shared.events.measure.ProgressReportedEvent";

    final MongoServer server;
    final MongoClient client;
    final MongoCollection<Document> events;
    final MongoCollection<Document> entries;
    final MongoCollection<Document> heads;
    final Ledger ledger;
    private final String measure = UUID.randomUUID().toString();
    private final String meeting = UUID.randomUUID().toString();
    private long measureSeq;
    private long meetingSeq;
    private Instant clock = Instant.parse("2026-03-01T09:00:00.250Z");

    LedgerFixture() {
        server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        MongoDatabase db = client.getDatabase("souhra");
        events = db.getCollection("domainevents");
        entries = db.getCollection("ledger");
        heads = db.getCollection("ledger_heads");
        ledger = new Ledger(db);
    }

    static String metadata(String user) {
        return metadata(user, REGION);
    }

    static String metadata(String user, String region) {
        return "{\"user\":\"" + user + "\",\"institution\":\"KULK\",\"region\":\"" + region + "\",\"correlationId\":\"c\"}";
    }

    /** A progress report of a measure of another region: its own chain. */
    long progressIn(String region, String measureId, long seq, int percent) {
        return store("Measure", measureId, seq, PROGRESS, "{\"measureId\":\"" + measureId + "\",\"percent\":" + percent + "}", region);
    }

    /** Stores a progress report of the fixture's measure and chains it; returns its position. */
    long progress(int percent) {
        return store("Measure", measure, measureSeq++, PROGRESS, "{\"measureId\":\"" + measure + "\",\"percent\":" + percent + "}");
    }

    /** Stores the checkpoint the meeting records for the chain at this position (as LedgerProjection sends it) and chains it. */
    long checkpoint(long position) {
        String digest = ledger.entries(REGION).get((int) position - 1).chain();
        return store("Meeting", meeting, meetingSeq++, LedgerVerifier.CHECKPOINT_TYPE,
                "{\"meetingId\":\"" + meeting + "\",\"region\":\"" + REGION + "\",\"position\":" + position + ",\"digest\":\"" + digest + "\"}");
    }

    private long store(String type, String aggregate, long seq, String payloadType, String payload) {
        return store(type, aggregate, seq, payloadType, payload, REGION);
    }

    private long store(String type, String aggregate, long seq, String payloadType, String payload, String region) {
        clock = clock.plusSeconds(60);
        events.insertOne(new Document("aggregateIdentifier", aggregate).append("type", type).append("sequenceNumber", seq)
                .append("serializedPayload", payload).append("timestamp", clock.toString()).append("payloadType", payloadType)
                .append("payloadRevision", "1").append("serializedMetaData", metadata("novak", region)).append("eventIdentifier", UUID.randomUUID().toString()));
        return ledger.append(aggregate, seq).position();
    }

    Document eventAt(long position) {
        Document entry = entries.find(Filters.and(Filters.eq("region", REGION), Filters.eq("position", position))).first();
        return events.find(Filters.eq("eventIdentifier", entry.getString("eventId"))).first();
    }

    /** The insider's edit: replaces text in the stored payload of the event at this position. */
    void editPayload(long position, String from, String to) {
        Document e = eventAt(position);
        String edited = e.getString("serializedPayload").replace(from, to);
        if (edited.equals(e.getString("serializedPayload"))) {
            throw new IllegalArgumentException(from + " is not in " + edited);
        }
        events.updateOne(Filters.eq("_id", e.get("_id")), Updates.set("serializedPayload", edited));
    }

    /**
     * Rewrites the region's ledger entries from this position on so that the chain is consistent again, with
     * the formulas of docs/ledger.md (each entry's own format), and moves the head: what verification can
     * only find through checkpoints and head files.
     */
    void recomputeFrom(long position) {
        String previous = position == 1 ? CanonicalForm.GENESIS : ledger.entries(REGION).get((int) position - 2).chain();
        for (LedgerEntry x : ledger.entries(REGION)) {
            if (x.position() < position) {
                continue;
            }
            StoredEvent e = StoredEvent.of(events.find(Filters.eq("eventIdentifier", x.eventId())).first());
            String payloadHash = CanonicalForm.payloadHash(e, x.format());
            String metadataHash = CanonicalForm.metadataHash(e, x.format());
            String eventHash = CanonicalForm.eventHash(e, payloadHash, metadataHash, x.format());
            String chain = CanonicalForm.chain(previous, eventHash);
            entries.updateOne(Filters.eq("_id", x.eventId()), Updates.combine(Updates.set("payloadHash", payloadHash),
                    Updates.set("metadataHash", metadataHash), Updates.set("eventHash", eventHash), Updates.set("previousChain", previous),
                    Updates.set("chain", chain)));
            previous = chain;
        }
        LedgerEntry last = ledger.entries(REGION).get(ledger.entries(REGION).size() - 1);
        heads.replaceOne(Filters.eq("_id", REGION), last.toDocument().append("_id", REGION));
    }

    /** Cuts the region's chain (entries and their events) after this position, head moved back: a truncated tail. */
    void truncateAfter(long position) {
        for (LedgerEntry x : ledger.entries(REGION)) {
            if (x.position() > position) {
                entries.deleteOne(Filters.eq("_id", x.eventId()));
                events.deleteOne(Filters.eq("eventIdentifier", x.eventId()));
            }
        }
        LedgerEntry last = ledger.entries(REGION).get((int) position - 1);
        heads.replaceOne(Filters.eq("_id", REGION), last.toDocument().append("_id", REGION));
    }

    VerificationReport.RegionResult verify(java.util.List<HeadFile.Head> anchors) {
        return new LedgerVerifier(ledger).verify((d, t) -> { }, anchors).regions().stream()
                .filter(r -> r.region().equals(REGION)).findFirst().orElseThrow();
    }

    /** The export as GET /api/audit/export.jsonl writes it (AuditController: one JSON line per entry). */
    Path export(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (ExportLine line : ledger.export(null).toList()) {
            out.append(json.writeValueAsString(line)).append('\n');
        }
        Files.writeString(file, out);
        return file;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
