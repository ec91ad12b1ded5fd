package cz.souhra.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;

import cz.souhra.query.audit.VerificationReport.Problem;

/**
 * tools/verify_ledger_export.py, written from docs/ledger.md alone, must agree with the Java verifier
 * (--verify-export) on an export made by the suite and on every tampered copy: the same kind of problem
 * at the same line, region and position. It runs with python3 from the PATH.
 */
class LedgerPythonVerifierTest {

    private static final Path SCRIPT = LedgerVectorsTest.ROOT.resolve("tools/verify_ledger_export.py");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER = "PHA";

    private LedgerFixture f;
    private Path export;
    private List<String> lines;

    @TempDir
    Path dir;

    @BeforeAll
    static void python() throws Exception {
        boolean present;
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            present = false;
        }
        Assumptions.assumeTrue(present, "python3 is not installed: the Python verifier cannot be compared with the Java one");
    }

    /** LBK: 1–3 progress, 4 checkpoint of 3, 5–7 progress, 8 checkpoint of 7, 9–10 progress (lines 1–10); PHA: two (lines 11–12). */
    @BeforeEach
    void export() throws Exception {
        f = new LedgerFixture();
        f.progress(1);
        f.progress(2);
        f.progress(3);
        f.checkpoint(3);
        f.progress(1);
        f.progress(6);
        f.progress(7);
        f.checkpoint(7);
        f.progress(9);
        f.progress(10);
        String measure = UUID.randomUUID().toString();
        f.progressIn(OTHER, measure, 0, 50);
        f.progressIn(OTHER, measure, 1, 60);
        new LedgerAnchors(f.ledger, dir.resolve("anchors"), Clock.systemUTC()).writeNow();
        export = f.export(dir.resolve("export.jsonl"));
        lines = Files.readAllLines(export);
        assertThat(lines).hasSize(12);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private record Verdict(boolean ok, String kind, Long line, String region, Long position) {}

    private Verdict java(Path file, String checkpoint, boolean anchors) throws Exception {
        OfflineExportVerifier.Result r = OfflineExportVerifier.verify(file, checkpoint,
                anchors ? HeadFile.read(dir.resolve("anchors")) : List.of());
        return new Verdict(r.ok(), r.kind() == null ? null : r.kind().name(), r.line(), r.region(), r.position());
    }

    private Verdict python(Path file, String checkpoint, boolean anchors) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", SCRIPT.toString(), file.toString(), "--json"));
        if (checkpoint != null) {
            cmd.addAll(List.of("--checkpoint", checkpoint));
        }
        if (anchors) {
            cmd.addAll(List.of("--anchors", dir.resolve("anchors").toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode r = JSON.readTree(out);
        assertThat(p.exitValue()).as(out).isEqualTo(r.get("ok").asBoolean() ? 0 : 1);
        return new Verdict(r.get("ok").asBoolean(), r.get("kind").isNull() ? null : r.get("kind").asText(),
                r.get("line").isNull() ? null : r.get("line").asLong(), r.get("region").isNull() ? null : r.get("region").asText(),
                r.get("position").isNull() ? null : r.get("position").asLong());
    }

    /** Both verifiers on this copy: they agree, and name this problem at this line (null: the file's end) and position. */
    private void bothSay(List<String> copy, boolean anchors, Problem kind, Long line, String region, Long position) throws Exception {
        bothSay(copy, null, anchors, kind, line, region, position);
    }

    private void bothSay(List<String> copy, String checkpoint, boolean anchors, Problem kind, Long line, String region, Long position) throws Exception {
        Path file = dir.resolve("copy-" + UUID.randomUUID() + ".jsonl");
        Files.write(file, copy);
        Verdict java = java(file, checkpoint, anchors);
        assertThat(python(file, checkpoint, anchors)).as("Python agrees with Java").isEqualTo(java);
        assertThat(java).isEqualTo(new Verdict(kind == null, kind == null ? null : kind.name(), line, region, position));
    }

    private List<String> copy() {
        return new ArrayList<>(lines);
    }

    private static String edit(String line, UnaryOperator<ObjectNode> change) throws Exception {
        return JSON.writeValueAsString(change.apply((ObjectNode) JSON.readTree(line)));
    }

    /** Recomputes the hashes and chain of the lines of this region from index {@code from} on, per docs/ledger.md: a consistent rewrite. */
    private static void recompute(List<String> copy, int from) throws Exception {
        String region = JSON.readTree(copy.get(from)).get("region").asText();
        String previous = JSON.readTree(copy.get(from)).get("previousChain").asText();
        for (int i = from; i < copy.size(); i++) {
            ObjectNode n = (ObjectNode) JSON.readTree(copy.get(i));
            if (!n.get("region").asText().equals(region)) {
                continue;
            }
            ExportLine x = JSON.treeToValue(n, ExportLine.class);
            int format = x.formatOrV1();
            String eventHash = CanonicalForm.eventHash(x.event(), format);
            String chain = CanonicalForm.chain(previous, eventHash);
            n.put("payloadHash", CanonicalForm.payloadHash(x.event(), format)).put("metadataHash", CanonicalForm.metadataHash(x.event(), format))
                    .put("eventHash", eventHash).put("previousChain", previous).put("chain", chain);
            copy.set(i, JSON.writeValueAsString(n));
            previous = chain;
        }
    }

    @Test
    void given_untouched_export_when_verified_by_both_then_both_ok_with_the_same_heads() throws Exception {
        bothSay(lines, true, null, null, null, null);
        OfflineExportVerifier.Result java = OfflineExportVerifier.verify(export, null);
        Process p = new ProcessBuilder("python3", SCRIPT.toString(), export.toString(), "--json").start();
        JsonNode py = JSON.readTree(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(JSON.convertValue(py.get("heads"), java.util.Map.class)).isEqualTo(java.heads()).containsKeys("LBK", OTHER);
        assertThat(py.get("entries").asLong()).isEqualTo(12);
    }

    @Test
    void given_edited_payload_when_verified_by_both_then_both_name_its_line() throws Exception {
        List<String> c = copy();
        c.set(4, c.get(4).replace("percent\\\":1}", "percent\\\":99}"));
        bothSay(c, false, Problem.EVENT_PAYLOAD_EDITED, 5L, "LBK", 5L);
    }

    @Test
    void given_text_appended_after_the_json_payload_when_verified_by_both_then_both_name_its_line() throws Exception {
        List<String> c = copy();
        c.set(1, c.get(1).replace("percent\\\":2}", "percent\\\":2} forged note"));
        bothSay(c, false, Problem.EVENT_PAYLOAD_EDITED, 2L, "LBK", 2L);
    }

    @Test
    void given_deleted_event_when_verified_by_both_then_both_name_the_gap() throws Exception {
        List<String> c = copy();
        c.remove(2);
        bothSay(c, false, Problem.LEDGER_GAP, 3L, "LBK", 4L);
    }

    @Test
    void given_swapped_pair_when_verified_by_both_then_both_name_the_reorder() throws Exception {
        List<String> c = copy();
        c.set(1, lines.get(2));
        c.set(2, lines.get(1));
        bothSay(c, false, Problem.EVENT_REORDERED, 2L, "LBK", 3L);
    }

    @Test
    void given_truncated_tail_when_verified_by_both_against_the_head_files_then_both_name_the_first_missing_position() throws Exception {
        List<String> c = copy();
        c.remove(9);
        c.remove(8);
        bothSay(c, false, null, null, null, null); // the file alone cannot tell
        bothSay(c, true, Problem.LEDGER_TRUNCATED, null, "LBK", 9L);
    }

    @Test
    void given_altered_checkpoint_when_verified_by_both_then_both_name_its_line() throws Exception {
        String digest = JSON.readTree(lines.get(6)).get("chain").asText();
        List<String> c = copy();
        c.set(7, edit(c.get(7), n -> n.put("payload", n.get("payload").asText().replace(digest, "0".repeat(64)))));
        bothSay(c, false, Problem.EVENT_PAYLOAD_EDITED, 8L, "LBK", 8L);
        recompute(c, 7); // and hashed anew, so only the comparison with the chain finds it
        bothSay(c, false, Problem.CHECKPOINT_MISMATCH, 8L, "LBK", 8L);
    }

    @Test
    void given_payload_edited_and_chain_recomputed_when_verified_by_both_then_both_name_the_first_checkpoint_after_it() throws Exception {
        List<String> c = copy();
        c.set(4, c.get(4).replace("percent\\\":1}", "percent\\\":99}"));
        recompute(c, 4);
        bothSay(c, false, Problem.CHECKPOINT_MISMATCH, 8L, "LBK", 8L);
    }

    @Test
    void given_rewrite_after_the_last_checkpoint_when_verified_by_both_against_the_head_files_then_both_name_the_head() throws Exception {
        List<String> c = copy();
        c.set(8, c.get(8).replace("percent\\\":9}", "percent\\\":90}"));
        recompute(c, 8);
        bothSay(c, false, null, null, null, null);
        bothSay(c, true, Problem.ANCHOR_MISMATCH, 10L, "LBK", 10L);
    }

    @Test
    void given_event_moved_to_another_region_with_hashes_recomputed_when_verified_by_both_then_both_name_the_region_mismatch() throws Exception {
        List<String> c = copy();
        c.set(11, edit(c.get(11), n -> n.put("metadata", LedgerFixture.metadata("novak", "LBK"))));
        recompute(c, 11);
        bothSay(c, false, Problem.EVENT_REGION_MISMATCH, 12L, OTHER, 2L);
    }

    @Test
    void given_sequence_numbers_or_timestamps_swapped_when_verified_by_both_then_both_name_the_reorder() throws Exception {
        List<String> seq = copy();
        seq.set(0, edit(lines.get(0), n -> n.put("sequence", 1)));
        seq.set(1, edit(lines.get(1), n -> n.put("sequence", 0)));
        bothSay(seq, false, Problem.EVENT_REORDERED, 1L, "LBK", 1L);
        String t1 = JSON.readTree(lines.get(1)).get("timestamp").asText();
        String t5 = JSON.readTree(lines.get(4)).get("timestamp").asText();
        List<String> time = copy();
        time.set(1, edit(lines.get(1), n -> n.put("timestamp", t5)));
        time.set(4, edit(lines.get(4), n -> n.put("timestamp", t1)));
        bothSay(time, false, Problem.EVENT_REORDERED, 2L, "LBK", 2L);
    }

    @Test
    void given_unreadable_lines_or_fields_of_the_wrong_type_when_verified_by_both_then_both_name_the_line() throws Exception {
        List<String> c = copy();
        c.add(3, "");
        c.set(5, "{\"region\": oops}");
        bothSay(c, false, Problem.EXPORT_UNREADABLE, 6L, null, null);
        for (UnaryOperator<ObjectNode> wrong : List.<UnaryOperator<ObjectNode>>of(n -> n.put("position", "3"), n -> n.put("position", 3.0),
                n -> n.putNull("position"), n -> n.put("surplus", 1), n -> n.putNull("chain"))) {
            List<String> typed = copy();
            typed.set(2, edit(typed.get(2), wrong));
            bothSay(typed, false, Problem.EXPORT_UNREADABLE, 3L, null, null);
        }
    }

    @Test
    void given_the_checkpoint_printed_on_minutes_when_verified_by_both_then_found_only_at_its_own_region_and_position() throws Exception {
        String digest = JSON.readTree(lines.get(2)).get("chain").asText();
        bothSay(lines, digest, false, null, null, null, null);
        bothSay(lines, "LBK:3:" + digest, false, null, null, null, null);
        bothSay(lines, "LBK:4:" + digest, false, Problem.CHECKPOINT_NOT_FOUND, null, null, null);
        bothSay(lines, OTHER + ":1:" + digest, false, Problem.CHECKPOINT_NOT_FOUND, null, null, null);
    }

    @Test
    void given_export_with_format_1_entries_when_verified_by_both_then_ok_and_text_after_the_json_refused_by_both() throws Exception {
        try (LedgerFixture old = new LedgerFixture()) {
            old.progress(1);
            old.progress(2);
            old.entries.updateMany(Filters.exists("format"), new Document("$unset", new Document("format", "")));
            old.recomputeFrom(1);
            old.checkpoint(2);
            old.progress(4);
            List<String> v1 = Files.readAllLines(old.export(dir.resolve("v1.jsonl")));
            assertThat(JSON.readTree(v1.get(0)).get("format").asInt()).isEqualTo(1);
            assertThat(JSON.readTree(v1.get(3)).get("format").asInt()).isEqualTo(2);
            bothSay(v1, false, null, null, null, null);
            List<String> undated = new ArrayList<>(v1); // an export written before formats existed: no format field
            undated.set(0, edit(v1.get(0), n -> {
                n.remove("format");
                return n;
            }));
            bothSay(undated, false, null, null, null, null);
            List<String> forged = new ArrayList<>(v1);
            forged.set(1, forged.get(1).replace("percent\\\":2}", "percent\\\":2} forged note"));
            bothSay(forged, false, Problem.EVENT_PAYLOAD_EDITED, 2L, "LBK", 2L);
        }
    }

    @Test
    void given_the_spec_vectors_when_checked_by_the_python_verifier_then_all_pass() throws Exception {
        Process p = new ProcessBuilder("python3", SCRIPT.toString(), "--vectors", LedgerVectorsTest.VECTORS.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains(" passed, 0 failed");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
