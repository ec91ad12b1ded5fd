package cz.souhra.query.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
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
    /** Refuses what the lenient reader of format 1 skips: text after the first value, a key given twice. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);
    public static final String GENESIS = "0".repeat(64);
    /** Format 1: canonical JSON re-serialized by Jackson, ten unescaped lines. Entries without a format field. */
    public static final int V1 = 1;
    /** Format 2: the stored text itself, length-prefixed fields (docs/ledger.md). Every new entry. */
    public static final int V2 = 2;
    public static final int CURRENT = V2;
    /** The part hash of an absent payload or metadata in format 2: SHA-256 of the byte 0xFF, which no UTF-8 text contains. */
    static final String ABSENT_V2 = sha256(new byte[] {(byte) 0xFF});

    private CanonicalForm() {}

    /** JSON with object keys sorted by code point, no insignificant white space; arrays keep their order. */
    public static String canonicalJson(String json) {
        return new String(canonicalBytes(json), StandardCharsets.UTF_8);
    }

    /**
     * The UTF-8 bytes of {@link #canonicalJson}, written straight from the parsed tree with each object's
     * keys in order: no sorted copy of the tree, no intermediate string. The text is the one the tree copy
     * and {@code writeValueAsString} produced before (see {@link #referenceCanonicalJson}); a document with a
     * character outside the Basic Multilingual Plane, which the two writers encode differently, takes that path.
     */
    static byte[] canonicalBytes(String json) {
        if (json == null || json.isBlank()) {
            return NULL;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Not JSON (tampered into garbage): hash the text itself so the mismatch is still reported.
            return JSON.getNodeFactory().textNode(json).toString().getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayBuilder out = new ByteArrayBuilder(json.length() + 16);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            writeSorted(g, tree);
        } catch (IOException | RuntimeException unwritable) {
            return referenceCanonicalJson(json).getBytes(StandardCharsets.UTF_8);
        }
        return out.toByteArray();
    }

    private static void writeSorted(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names); // String order, as the TreeMap of the reference path
            g.writeStartObject();
            for (String name : names) {
                requireNoSurrogate(name);
                g.writeFieldName(name);
                writeSorted(g, node.get(name));
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                writeSorted(g, element);
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            requireNoSurrogate(node.textValue());
            g.writeString(node.textValue());
        } else if (node.isNull()) {
            g.writeNull();
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else if (node.isInt()) {
            g.writeNumber(node.intValue());
        } else if (node.isLong()) {
            g.writeNumber(node.longValue());
        } else if (node.isBigInteger()) {
            g.writeNumber(node.bigIntegerValue());
        } else if (node.isDouble()) {
            g.writeNumber(node.doubleValue());
        } else if (node.isBigDecimal()) {
            g.writeNumber(node.decimalValue());
        } else {
            JSON.writeTree(g, node);
        }
    }

    // The byte writer escapes characters outside the Basic Multilingual Plane as \\u pairs, where the string
    // path wrote them as UTF-8 (and a lone surrogate as '?'): text with a surrogate takes the string path.
    private static void requireNoSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                throw new IllegalArgumentException("surrogate");
            }
        }
    }

    /** The canonical text as first specified: a sorted copy of the tree, written to a string. */
    static String referenceCanonicalJson(String json) {
        if (json == null || json.isBlank()) {
            return "null";
        }
        try {
            return JSON.writeValueAsString(sorted(JSON.readTree(json)));
        } catch (JsonProcessingException e) {
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
        if (alreadyCanonical(stored)) {
            return stored;
        }
        try {
            return Instant.parse(stored).toString();
        } catch (RuntimeException e) {
            return String.valueOf(stored);
        }
    }

    /**
     * Axon stores timestamps with exactly three fraction digits ({@code 2026-03-01T09:00:00.500Z}); such a
     * text with a time of day in range and a fraction other than {@code .000} is what {@link Instant#toString()}
     * prints for it, and a date that does not exist is kept as stored by the slow path too. Saves a parse and
     * a format per event of a verification.
     */
    private static boolean alreadyCanonical(String s) {
        if (s == null || s.length() != 24 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z' || s.startsWith("000", 20)) {
            return false;
        }
        for (int i : DIGITS) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        int hour = (s.charAt(11) - '0') * 10 + s.charAt(12) - '0';
        return hour <= 23 && s.charAt(14) <= '5' && s.charAt(17) <= '5';
    }

    private static final int[] DIGITS = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22};

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
        return sha256(canonicalBytes(e.payload()));
    }

    public static String metadataHash(StoredEvent e) {
        return sha256(canonicalBytes(e.metadata()));
    }

    public static String eventHash(StoredEvent e) {
        return sha256(eventHashInput(e));
    }

    // --- format 2 ---

    /** Format 2 part hash: SHA-256 of the stored text's UTF-8 bytes, unparsed; {@link #ABSENT_V2} when there is none. */
    static String partHashV2(String storedText) {
        return storedText == null ? ABSENT_V2 : sha256(storedText.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Format 2 event hash input: the line {@code souhra-event-v2}, then each field as its UTF-8 byte length in
     * decimal, {@code :}, the bytes and LF, or {@code -} and LF when absent (so no field can run into the next
     * and null is not ""): aggregate type, aggregate id, sequence, event id, payload type, payload revision,
     * stored timestamp text, payload hash, metadata hash.
     */
    static byte[] eventHashInputV2(StoredEvent e, String payloadHash, String metadataHash) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        out.writeBytes("souhra-event-v2\n".getBytes(StandardCharsets.US_ASCII));
        for (String field : new String[] {e.aggregateType(), e.aggregateId(), Long.toString(e.sequence()), e.eventId(), e.payloadType(),
                e.payloadRevision(), e.timestamp(), payloadHash, metadataHash}) {
            if (field == null) {
                out.writeBytes("-\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(bytes);
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /** The payload hash of an entry of the given format. */
    static String payloadHash(StoredEvent e, int format) {
        return format >= V2 ? partHashV2(e.payload()) : payloadHash(e);
    }

    static String metadataHash(StoredEvent e, int format) {
        return format >= V2 ? partHashV2(e.metadata()) : metadataHash(e);
    }

    static String eventHash(StoredEvent e, String payloadHash, String metadataHash, int format) {
        return format >= V2 ? sha256(eventHashInputV2(e, payloadHash, metadataHash)) : eventHash(e, payloadHash, metadataHash);
    }

    static String eventHash(StoredEvent e, int format) {
        return eventHash(e, payloadHash(e, format), metadataHash(e, format), format);
    }

    /**
     * Why a format-1 hash does not cover all of this stored text, or null when it does. Format 1 hashed the
     * first JSON value re-serialized, so text after it and the first of two equal keys were never hashed
     * ({@code {"percent":90} forged note} hashed like {@code {"percent":90}}): such text is refused.
     * Text that is no JSON at all was hashed whole, as a string literal, and is covered.
     */
    static String uncoveredByV1(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        String strictError;
        try {
            STRICT.readTree(stored); // the usual case: one parse
            return null;
        } catch (JsonProcessingException e) {
            strictError = e.getOriginalMessage();
        }
        try {
            JSON.readTree(stored);
        } catch (JsonProcessingException notJson) {
            return null;
        }
        return "the stored text is not exactly one JSON value with distinct keys (" + strictError + "), so a format-1 hash does not cover all of it";
    }

    /** chain(n) = SHA-256 of the text {@code chain(n-1) + ":" + eventHash(n)}; chain(0) is 64 zeros. */
    public static String chain(String previous, String eventHash) {
        return sha256(previous + ":" + eventHash);
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
