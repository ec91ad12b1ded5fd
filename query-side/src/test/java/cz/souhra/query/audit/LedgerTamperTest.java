package cz.souhra.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import cz.souhra.query.audit.VerificationReport.Problem;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Tampering done directly in the store, the way an insider with database access would, must be found by
 * verify at the right position and named by kind; and the same tampering in an export file must be
 * found offline.
 */
class LedgerTamperTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> events;
    private MongoCollection<Document> ledgerEntries;
    private Ledger ledger;
    private LedgerVerifier verifier;
    private final List<String> aggregates = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());

    @TempDir
    Path dir;

    @BeforeEach
    void tenChainedEvents() {
        server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        MongoDatabase db = client.getDatabase("souhra");
        events = db.getCollection("domainevents");
        ledgerEntries = db.getCollection("ledger");
        ledger = new Ledger(db);
        verifier = new LedgerVerifier(ledger);
        Instant t = Instant.parse("2026-03-01T09:00:00Z");
        for (int i = 0; i < 10; i++) {
            String aggregate = aggregates.get(i % 2);
            long seq = i / 2;
            events.insertOne(storedEvent(aggregate, seq, t.plusSeconds(60L * i), "{\"measureId\":\"" + aggregate + "\",\"percent\":" + (i * 10) + "}", "LBK"));
            ledger.append(aggregate, seq);
        }
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private static Document storedEvent(String aggregate, long seq, Instant t, String payload, String region) {
        return new Document("aggregateIdentifier", aggregate).append("type", "Measure").append("sequenceNumber", seq)
                .append("serializedPayload", payload).append("timestamp", t.toString())
                .append("payloadType", "cz.souhra.shared.events.measure.ProgressReportedEvent").append("payloadRevision", "1")
                .append("serializedMetaData", "{\"user\":\"novak\",\"institution\":\"KULK\",\"region\":\"" + region + "\",\"correlationId\":\"c-" + seq + "\"}")
                .append("eventIdentifier", UUID.randomUUID().toString());
    }

    private VerificationReport.RegionResult verifyLbk() {
        VerificationReport report = verifier.verify((d, t) -> { });
        return report.regions().stream().filter(r -> r.region().equals("LBK")).findFirst().orElseThrow();
    }

    private Document eventAt(int position) {
        Document entry = ledgerEntries.find(Filters.eq("position", (long) position)).first();
        return events.find(Filters.and(Filters.eq("aggregateIdentifier", entry.getString("aggregateId")),
                Filters.eq("sequenceNumber", entry.get("sequence")))).first();
    }

    @Test
    void given_untouched_store_when_verified_then_ok_with_entry_count_and_head_digest() {
        VerificationReport report = verifier.verify((d, t) -> { });
        assertThat(report.ok()).isTrue();
        assertThat(report.entries()).isEqualTo(10);
        assertThat(verifyLbk().headDigest()).isEqualTo(ledger.head("LBK").orElseThrow().chain()).hasSize(64);
    }

    @Test
    void given_redelivered_event_when_appended_again_then_chain_unchanged() {
        String head = ledger.head("LBK").orElseThrow().chain();
        ledger.append(aggregates.get(0), 0);
        assertThat(ledger.head("LBK").orElseThrow().chain()).isEqualTo(head);
        assertThat(ledgerEntries.countDocuments()).isEqualTo(10);
    }

    @Test
    void given_payload_edited_in_store_when_verified_then_position_and_payload_edit_reported() {
        Document e = eventAt(4);
        events.updateOne(Filters.eq("_id", e.get("_id")), Updates.set("serializedPayload", e.getString("serializedPayload").replace("30", "100")));
        assertBroken(4, Problem.EVENT_PAYLOAD_EDITED);
    }

    @Test
    void given_metadata_edited_in_store_when_verified_then_metadata_edit_reported() {
        Document e = eventAt(6);
        events.updateOne(Filters.eq("_id", e.get("_id")), Updates.set("serializedMetaData", e.getString("serializedMetaData").replace("novak", "svoboda")));
        assertBroken(6, Problem.EVENT_METADATA_EDITED);
    }

    @Test
    void given_event_deleted_from_store_when_verified_then_missing_reported() {
        events.deleteOne(Filters.eq("_id", eventAt(3).get("_id")));
        assertBroken(3, Problem.EVENT_MISSING);
    }

    @Test
    void given_event_inserted_into_store_when_verified_then_inserted_reported_where_it_would_stand() {
        events.insertOne(storedEvent(UUID.randomUUID().toString(), 0, Instant.parse("2026-03-01T09:02:30Z"), "{\"forged\":true}", "LBK"));
        assertBroken(4, Problem.EVENT_INSERTED);
    }

    @Test
    void given_timestamps_of_two_events_swapped_when_verified_then_reorder_reported() {
        Document a = eventAt(2);
        Document b = eventAt(5);
        events.updateOne(Filters.eq("_id", a.get("_id")), Updates.set("timestamp", b.getString("timestamp")));
        events.updateOne(Filters.eq("_id", b.get("_id")), Updates.set("timestamp", a.getString("timestamp")));
        assertBroken(2, Problem.EVENT_REORDERED);
    }

    @Test
    void given_sequence_numbers_of_two_events_swapped_when_verified_then_reorder_reported_not_an_edit() {
        Document a = eventAt(1);
        Document b = eventAt(3);
        assertThat(a.getString("aggregateIdentifier")).isEqualTo(b.getString("aggregateIdentifier"));
        events.updateOne(Filters.eq("_id", a.get("_id")), Updates.set("sequenceNumber", -1L));
        events.updateOne(Filters.eq("_id", b.get("_id")), Updates.set("sequenceNumber", a.get("sequenceNumber")));
        events.updateOne(Filters.eq("_id", a.get("_id")), Updates.set("sequenceNumber", b.get("sequenceNumber")));
        assertBroken(1, Problem.EVENT_REORDERED);
        assertThat(verifyLbk().detail()).contains(a.getString("eventIdentifier")).contains("now stands at");
    }

    @Test
    void given_ledger_entry_altered_when_verified_then_ledger_alteration_reported() {
        ledgerEntries.updateOne(Filters.eq("position", 7L), Updates.set("eventHash", "f".repeat(64)));
        assertBroken(7, Problem.LEDGER_ENTRY_ALTERED);
    }

    private void assertBroken(long position, Problem problem) {
        VerificationReport.RegionResult r = verifyLbk();
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).isEqualTo(problem);
        assertThat(r.firstBrokenPosition()).isEqualTo(position);
    }

    // --- offline verification of an export file ---

    private Path export() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path file = dir.resolve("export.jsonl");
        Files.write(file, ledger.export(null).map(l -> {
            try {
                return json.writeValueAsString(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList());
        return file;
    }

    @Test
    void given_clean_export_when_verified_offline_then_ok_and_checkpoint_found() throws Exception {
        String checkpoint = ledger.entries("LBK").get(4).chain();
        OfflineExportVerifier.Result r = OfflineExportVerifier.verify(export(), checkpoint);
        assertThat(r.ok()).isTrue();
        assertThat(r.lines()).isEqualTo(10);
        assertThat(r.checkpointFound()).isTrue();
        assertThat(r.heads()).containsEntry("LBK", ledger.head("LBK").orElseThrow().chain());
    }

    @Test
    void given_unknown_checkpoint_when_export_verified_offline_then_refused() throws Exception {
        assertThat(OfflineExportVerifier.verify(export(), "a".repeat(64)).ok()).isFalse();
    }

    @Test
    void given_export_with_edited_payload_deleted_inserted_or_swapped_line_when_verified_offline_then_broken() throws Exception {
        Path file = export();
        List<String> lines = Files.readAllLines(file);

        List<String> edited = new java.util.ArrayList<>(lines);
        edited.set(3, edited.get(3).replace("percent\\\":30", "percent\\\":99"));
        assertThat(edited.get(3)).isNotEqualTo(lines.get(3));
        assertOfflineBroken(edited, "payload was edited");

        List<String> metadata = new java.util.ArrayList<>(lines);
        metadata.set(5, metadata.get(5).replace("novak", "svoboda"));
        assertOfflineBroken(metadata, "metadata was edited");

        List<String> deleted = new java.util.ArrayList<>(lines);
        deleted.remove(2);
        assertOfflineBroken(deleted, "expected position 3");

        List<String> inserted = new java.util.ArrayList<>(lines);
        inserted.add(4, lines.get(4));
        assertOfflineBroken(inserted, "expected position 6");

        List<String> swapped = new java.util.ArrayList<>(lines);
        swapped.set(1, lines.get(2));
        swapped.set(2, lines.get(1));
        assertOfflineBroken(swapped, "expected position 2");
    }

    @Test
    void given_export_with_two_lines_swapped_when_verified_offline_then_reorder_named_with_file_lines() throws Exception {
        List<String> lines = Files.readAllLines(export());
        List<String> swapped = new java.util.ArrayList<>(lines);
        swapped.set(1, lines.get(2));
        swapped.set(2, lines.get(1));
        OfflineExportVerifier.Result r = assertOfflineBroken(swapped, "line 2 (region LBK, position 3): expected position 2, which stands at line 3");
        assertThat(r.kind()).isEqualTo(Problem.EVENT_REORDERED);
    }

    @Test
    void given_export_with_sequence_numbers_of_two_events_swapped_when_verified_offline_then_reorder_reported() throws Exception {
        List<String> lines = Files.readAllLines(export());
        // lines 1 and 3 are the first two events of one aggregate (sequence 0 and 1)
        List<String> swapped = new java.util.ArrayList<>(lines);
        swapped.set(0, withField(lines.get(0), "sequence", 1L));
        swapped.set(2, withField(lines.get(2), "sequence", 0L));
        OfflineExportVerifier.Result r = assertOfflineBroken(swapped, "line 1 (region LBK, position 1): the event was chained as sequence 0 of its aggregate and now says 1");
        assertThat(r.kind()).isEqualTo(Problem.EVENT_REORDERED);
    }

    @Test
    void given_export_with_timestamps_of_two_events_swapped_when_verified_offline_then_reorder_reported() throws Exception {
        List<String> lines = Files.readAllLines(export());
        ObjectMapper json = new ObjectMapper();
        String t2 = json.readTree(lines.get(1)).get("timestamp").asText();
        String t5 = json.readTree(lines.get(4)).get("timestamp").asText();
        List<String> swapped = new java.util.ArrayList<>(lines);
        swapped.set(1, withField(lines.get(1), "timestamp", t5));
        swapped.set(4, withField(lines.get(4), "timestamp", t2));
        OfflineExportVerifier.Result r = assertOfflineBroken(swapped, "line 2 (region LBK, position 2): the event was chained with timestamp " + t2);
        assertThat(r.kind()).isEqualTo(Problem.EVENT_REORDERED);
    }

    @Test
    void given_export_whose_sixth_line_is_broken_when_verified_offline_then_line_6_of_the_file_is_named() throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(export()));
        lines.add(2, "");                        // a blank line still counts as a line of the file
        lines.set(5, "{\"region\": oops}");   // line 6
        OfflineExportVerifier.Result r = assertOfflineBroken(lines, "line 6: not an export entry");
        assertThat(r.kind()).isEqualTo(Problem.EXPORT_UNREADABLE);
        assertThat(r.problem()).doesNotContain("line: 1");
    }

    @Test
    void given_empty_export_without_checkpoint_when_verified_offline_then_not_ok_and_non_zero_exit() throws Exception {
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "\n");
        OfflineExportVerifier.Result r = OfflineExportVerifier.verify(empty, null);
        assertThat(r.ok()).isFalse();
        assertThat(r.kind()).isEqualTo(Problem.EXPORT_EMPTY);
        List<String> printed = new java.util.ArrayList<>();
        assertThat(OfflineExportVerifier.run(empty.toString(), null, printed::add)).isEqualTo(1);
        assertThat(printed).singleElement().asString().startsWith("NOT VERIFIED EXPORT_EMPTY").contains("holds no entries").doesNotContain("OK");
    }

    @Test
    void given_clean_export_when_run_from_the_command_line_then_exit_zero_and_ok_printed() throws Exception {
        List<String> printed = new java.util.ArrayList<>();
        assertThat(OfflineExportVerifier.run(export().toString(), null, printed::add)).isZero();
        assertThat(printed.get(0)).isEqualTo("OK 10 entries");
    }

    private static String withField(String line, String field, Object value) throws Exception {
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(line);
        node.set(field, json.valueToTree(value));
        return json.writeValueAsString(node);
    }

    private OfflineExportVerifier.Result assertOfflineBroken(List<String> lines, String problem) throws Exception {
        Path f = dir.resolve("tampered-" + UUID.randomUUID() + ".jsonl");
        Files.write(f, lines);
        OfflineExportVerifier.Result r = OfflineExportVerifier.verify(f, null);
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).contains(problem);
        return r;
    }
}
