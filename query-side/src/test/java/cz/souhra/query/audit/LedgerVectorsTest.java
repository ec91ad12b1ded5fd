package cz.souhra.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * docs/ledger-vectors.json is the spec's worked examples (input → canonical bytes → hash) for an independent
 * implementation; tools/verify_ledger_export.py checks itself against the same file (LedgerPythonVerifierTest).
 * The file must be what the code computes today: a change of any hash fails here ({@code -Dsouhra.docs.write=true}
 * rewrites it — which is only right together with a new format, see docs/ledger.md "Formats").
 */
class LedgerVectorsTest {

    static final Path ROOT = root();
    static final Path VECTORS = ROOT.resolve("docs/ledger-vectors.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PROGRESS = "cz.souhra.shared.events.measure.ProgressReportedEvent";
    private static final String META = "{\"user\":\"novak\",\"institution\":\"KULK\",\"region\":\"LBK\",\"correlationId\":\"c-1\"}";
    private static final String T = "2026-03-01T09:00:00.500Z";

    /** The repository's root: the nearest directory above the working directory that holds docs/ledger.md. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/ledger.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("docs/ledger.md not found above " + Path.of("").toAbsolutePath());
    }

    private static StoredEvent event(String type, String id, String revision, String timestamp, String payload, String metadata) {
        return new StoredEvent(type, id, 3, "6f1c2a9e-0b7d-4c51-9a43-2f5e8d7b1c00", PROGRESS, revision, timestamp, payload, metadata);
    }

    private static Map<String, Object> eventVector(String name, int format, StoredEvent e) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("format", format);
        input.put("aggregateType", e.aggregateType());
        input.put("aggregateId", e.aggregateId());
        input.put("sequence", e.sequence());
        input.put("eventId", e.eventId());
        input.put("payloadType", e.payloadType());
        input.put("payloadRevision", e.payloadRevision());
        input.put("timestamp", e.timestamp());
        input.put("payload", e.payload());
        input.put("metadata", e.metadata());
        Map<String, Object> output = new LinkedHashMap<>();
        String payloadHash = CanonicalForm.payloadHash(e, format);
        String metadataHash = CanonicalForm.metadataHash(e, format);
        if (format == CanonicalForm.V1) {
            output.put("canonicalPayload", CanonicalForm.canonicalJson(e.payload()));
            output.put("canonicalMetadata", CanonicalForm.canonicalJson(e.metadata()));
            output.put("canonicalTimestamp", CanonicalForm.canonicalTimestamp(e.timestamp()));
            output.put("payloadCovered", CanonicalForm.uncoveredByV1(e.payload()) == null);
            output.put("eventHashInput", CanonicalForm.eventHashInput(e, payloadHash, metadataHash));
        } else {
            output.put("eventHashInput", new String(CanonicalForm.eventHashInputV2(e, payloadHash, metadataHash), StandardCharsets.UTF_8));
        }
        output.put("payloadHash", payloadHash);
        output.put("metadataHash", metadataHash);
        output.put("eventHash", CanonicalForm.eventHash(e, format));
        return vector(name, "event", input, output);
    }

    private static Map<String, Object> vector(String name, String kind, Map<String, Object> input, Map<String, Object> output) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("kind", kind);
        v.put("input", input);
        v.put("output", output);
        return v;
    }

    /** Map.of iterates in an order that changes from run to run; the file must not. */
    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    static Map<String, Object> vectors() {
        List<Map<String, Object>> list = new ArrayList<>();
        String id = "0b6e4f0a-3c1d-4e2f-8a9b-5c6d7e8f9a01";
        StoredEvent typical = event("Measure", id, "1", T, "{\"measureId\":\"" + id + "\",\"percent\":90,\"note\":\"Zmapováno 12 z 30 ubytoven – Liberec-jih\"}", META);
        list.add(eventVector("format 2: a progress report as stored", 2, typical));
        list.add(eventVector("format 2: the stored text is hashed, so text after the JSON counts", 2,
                event("Measure", id, "1", T, "{\"percent\":90} forged note", META)));
        list.add(eventVector("format 2: the same JSON without the appended text", 2, event("Measure", id, "1", T, "{\"percent\":90}", META)));
        list.add(eventVector("format 2: type A\\nB and id C", 2, event("A\nB", "C", "1", T, "{}", META)));
        list.add(eventVector("format 2: type A and id B\\nC hash differently", 2, event("A", "B\nC", "1", T, "{}", META)));
        list.add(eventVector("format 2: no revision (null)", 2, event("Measure", id, null, T, "{}", META)));
        list.add(eventVector("format 2: an empty revision differs from none", 2, event("Measure", id, "", T, "{}", META)));
        list.add(eventVector("format 2: absent payload, empty metadata", 2, event("Measure", id, "1", T, null, "")));
        list.add(eventVector("format 2: numbers and escapes are hashed as written", 2,
                event("Measure", id, "1", "2026-03-01T10:00:00+01:00", "{\"a\":1e3,\"b\":1.10,\"c\":-0,\"s\":\"😀 \\u00e9\\n\"}", META)));
        list.add(eventVector("format 1: a progress report as stored", 1, typical));
        list.add(eventVector("format 1: numbers re-rendered through a double", 1, event("Measure", id, "1", T,
                "{\"b\":1.10,\"a\":1e3,\"c\":-0,\"d\":1E-7,\"e\":12345678901234567890,\"f\":1e400,\"g\":0.001,\"h\":2.5e+300}", META)));
        list.add(eventVector("format 1: keys in UTF-16 code unit order", 1, event("Measure", id, "1", T,
                "{\"b\":1,\"B\":2,\"é\":3,\"😀\":4,\"｡\":5,\"\":6}", META)));
        list.add(eventVector("format 1: string escapes", 1, event("Measure", id, "1", T,
                "{\"s\":\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\\\/<\\u007f\\u2028 😀\"}", META)));
        list.add(eventVector("format 1: text that is no JSON is hashed as a string literal", 1, event("Measure", id, "1", T, "not json", META)));
        list.add(eventVector("format 1: text after the first value is not covered, so it is refused", 1,
                event("Measure", id, "1", T, "{\"percent\":90} forged note", META)));
        list.add(eventVector("format 1: a key given twice is not covered", 1, event("Measure", id, "1", T, "{\"percent\":1,\"percent\":90}", META)));
        for (String ts : List.of("2026-03-01T09:00:00Z", "2026-03-01T09:00:00.500000Z", "2026-03-01T09:00:00.123456789Z",
                "2026-03-01T10:00:00+01:00", "2026-12-31T23:59:60.500Z", "2026-02-30T09:00:00.500Z", "garbage")) {
            list.add(eventVector("format 1: timestamp " + ts, 1, event("Measure", id, null, ts, "{}", "{}")));
        }
        String first = CanonicalForm.eventHash(typical, 2);
        String c1 = CanonicalForm.chain(CanonicalForm.GENESIS, first);
        list.add(vector("chain: position 1 from the genesis value", "chain", ordered("previous", CanonicalForm.GENESIS, "eventHash", first),
                Map.of("chain", c1)));
        list.add(vector("chain: position 2", "chain", ordered("previous", c1, "eventHash", CanonicalForm.eventHash(typical, 1)),
                Map.of("chain", CanonicalForm.chain(c1, CanonicalForm.eventHash(typical, 1)))));
        for (String meta : new String[] {META, "{\"region\":\" \"}", "{}", "{\"region\":5}", "{\"region\":null}", "not json", "", null}) {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("metadata", meta);
            list.add(vector("region of metadata " + meta, "region", in, Map.of("region", Ledger.regionOf(meta))));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("description", "Test vectors of docs/ledger.md: input -> canonical bytes (eventHashInput, UTF-8) -> hashes. "
                + "Checked by LedgerVectorsTest (Java) and tools/verify_ledger_export.py --vectors (Python).");
        root.put("vectors", list);
        return root;
    }

    @Test
    void given_the_spec_vectors_when_recomputed_by_the_code_then_every_canonical_text_and_hash_is_the_documented_one() throws Exception {
        String computed = JSON.writeValueAsString(vectors()) + "\n";
        if (Boolean.getBoolean("souhra.docs.write")) {
            Files.writeString(VECTORS, computed, StandardCharsets.UTF_8);
        } else if (!Files.readString(VECTORS, StandardCharsets.UTF_8).equals(computed)) {
            Files.writeString(Path.of("target/ledger-vectors.actual.json"), computed, StandardCharsets.UTF_8); // to diff
        }
        assertThat(Files.readString(VECTORS, StandardCharsets.UTF_8)).as("docs/ledger-vectors.json (regenerate with -Dsouhra.docs.write=true)")
                .isEqualTo(computed);
    }

    @Test
    void given_fields_that_differ_only_in_where_a_newline_falls_when_hashed_in_format_2_then_the_hashes_differ() {
        assertThat(CanonicalForm.eventHash(event("A\nB", "C", "1", T, "{}", META), 2))
                .isNotEqualTo(CanonicalForm.eventHash(event("A", "B\nC", "1", T, "{}", META), 2));
        assertThat(CanonicalForm.eventHash(event("A", "C", null, T, "{}", META), 2))
                .isNotEqualTo(CanonicalForm.eventHash(event("A", "C", "", T, "{}", META), 2));
        assertThat(CanonicalForm.eventHash(event("A", "C", "1", T, null, META), 2))
                .isNotEqualTo(CanonicalForm.eventHash(event("A", "C", "1", T, "", META), 2));
    }

    @Test
    void given_json_with_text_after_it_when_hashed_then_format_2_covers_it_and_format_1_refuses_it() {
        StoredEvent forged = event("Measure", "m", "1", T, "{\"percent\":90} forged note", META);
        StoredEvent plain = event("Measure", "m", "1", T, "{\"percent\":90}", META);
        assertThat(CanonicalForm.payloadHash(forged, 1)).isEqualTo(CanonicalForm.payloadHash(plain, 1)); // why format 1 must refuse it
        assertThat(CanonicalForm.uncoveredByV1(forged.payload())).contains("not exactly one JSON value");
        assertThat(CanonicalForm.uncoveredByV1(plain.payload())).isNull();
        assertThat(CanonicalForm.uncoveredByV1("not json")).isNull();
        assertThat(CanonicalForm.payloadHash(forged, 2)).isNotEqualTo(CanonicalForm.payloadHash(plain, 2));
    }
}
