package cz.souhra.infra.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The canonical form of a stored event, specified in docs/ledger.md so that another program can
 * recompute every hash. Only stored text goes in (the JSON strings exactly as the event store holds
 * them, re-serialized with sorted keys), never objects of ours, so a change of our classes cannot change
 * a hash.
 */
public final class CanonicalForm {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String GENESIS = "0".repeat(64);

    private CanonicalForm() {}

    /** JSON with object keys sorted by code point, no insignificant white space; arrays keep their order. */
    public static String canonicalJson(String json) {
        if (json == null || json.isBlank()) {
            return "null";
        }
        try {
            return JSON.writeValueAsString(sorted(JSON.readTree(json)));
        } catch (JsonProcessingException e) {
            // Not JSON (tampered into garbage): hash the text itself so the mismatch is still reported.
            return JSON.getNodeFactory().textNode(json).toString();
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                fields.put(f.getKey(), sorted(f.getValue()));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }

    /** Timestamps as ISO-8601 UTC with the precision the store kept, normalized by {@link Instant#toString()}. */
    public static String canonicalTimestamp(String stored) {
        try {
            return Instant.parse(stored).toString();
        } catch (RuntimeException e) {
            return String.valueOf(stored);
        }
    }

    /**
     * The event hash input: one field a line, in this order, UTF-8, each line ended by LF:
     * {@code souhra-event-v1}, aggregate type, aggregate id, sequence number, event id, payload type,
     * payload revision (empty if none), timestamp, SHA-256 of canonical payload, SHA-256 of canonical metadata.
     */
    public static String eventHashInput(StoredEvent e) {
        return eventHashInput(e, payloadHash(e), metadataHash(e));
    }

    static String eventHashInput(StoredEvent e, String payloadHash, String metadataHash) {
        return "souhra-event-v1\n" + e.aggregateType() + "\n" + e.aggregateId() + "\n" + e.sequence() + "\n"
                + e.eventId() + "\n" + e.payloadType() + "\n" + (e.payloadRevision() == null ? "" : e.payloadRevision()) + "\n"
                + canonicalTimestamp(e.timestamp()) + "\n" + payloadHash + "\n" + metadataHash + "\n";
    }

    /** The event hash from already computed part hashes: verification computes each part once. */
    static String eventHash(StoredEvent e, String payloadHash, String metadataHash) {
        return sha256(eventHashInput(e, payloadHash, metadataHash));
    }

    public static String payloadHash(StoredEvent e) {
        return sha256(canonicalJson(e.payload()));
    }

    public static String metadataHash(StoredEvent e) {
        return sha256(canonicalJson(e.metadata()));
    }

    public static String eventHash(StoredEvent e) {
        return sha256(eventHashInput(e));
    }

    /** chain(n) = SHA-256 of the text {@code chain(n-1) + ":" + eventHash(n)}; chain(0) is 64 zeros. */
    public static String chain(String previous, String eventHash) {
        return sha256(previous + ":" + eventHash);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
