package cz.souhra.query.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cz.souhra.query.audit.VerificationReport.Problem;

/**
 * Verifies an export file with no server and no store: {@code java -jar souhra.jar --verify-export=FILE
 * [--checkpoint=[REGION:POSITION:]DIGEST] [--anchors=DIR]}. Each line's event is re-hashed from its stored
 * text under the line's format and chained anew per region; its region must be the one its metadata names.
 * Every checkpoint the export itself recorded ({@code LedgerCheckpointRecordedEvent}) must match its
 * region's chain at the position it names, and so must every head of the head files in DIR; a head beyond a
 * region's last line means the file was cut short. The first line where the file disagrees is named by its
 * line number in the file. A checkpoint digest printed on minutes must be the chain value at its position
 * (or, given alone, of some line). A file without a single entry proves nothing and is not reported as
 * verified. tools/verify_ledger_export.py implements the same rules from docs/ledger.md.
 */
public final class OfflineExportVerifier {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    private OfflineExportVerifier() {}

    /**
     * @param lines    entries read (lines that are not blank)
     * @param kind     what is wrong, null when ok
     * @param line     the file's line number where it is wrong; null when ok or for the file's end (a cut-off tail)
     * @param region   the region where it is wrong, null when ok
     * @param position the position where it is wrong (for a cut-off tail the first missing one), null when ok
     */
    public record Result(boolean ok, long lines, Map<String, String> heads, String problem, boolean checkpointFound, Problem kind,
                         Long line, String region, Long position) {

        static Result broken(long lines, Map<String, String> heads, Problem kind, String problem) {
            return new Result(false, lines, heads, problem, false, kind, null, null, null);
        }

        static Result broken(long lines, Map<String, String> heads, Problem kind, Where where, String problem) {
            return new Result(false, lines, heads, where + ": " + problem, false, kind, where.line(), where.region(), where.position());
        }
    }

    /** A place in the file: its line number (null: the end of the file), region and position. */
    record Where(Long line, String region, Long position) {
        @Override
        public String toString() {
            return line == null ? "end of file (region " + region + ", position " + position + " missing)"
                    : "line " + line + (region == null ? "" : " (region " + region + ", position " + position + ")");
        }
    }

    /** A digest from minutes: {@code REGION:POSITION:DIGEST}, or the digest alone (then any line's chain value may match). */
    record Expected(String region, Long position, String digest) {
        static Expected parse(String text) {
            if (text == null) {
                return null;
            }
            int last = text.lastIndexOf(':');
            int before = last < 0 ? -1 : text.lastIndexOf(':', last - 1);
            if (before > 0) {
                try {
                    return new Expected(text.substring(0, before), Long.parseLong(text.substring(before + 1, last)), text.substring(last + 1));
                } catch (NumberFormatException notAPosition) {
                    throw new IllegalArgumentException("--checkpoint is DIGEST or REGION:POSITION:DIGEST, not " + text);
                }
            }
            return new Expected(null, null, text);
        }
    }

    public static Result verify(Path file, String checkpoint) throws IOException {
        return verify(file, checkpoint, List.of());
    }

    public static Result verify(Path file, String checkpoint, List<HeadFile.Head> anchors) throws IOException {
        Expected expected = Expected.parse(checkpoint);
        Map<String, String> chain = new TreeMap<>(HeadFile::byCodePoint);
        Map<String, Long> positions = new HashMap<>();
        // The chain values the checks need later: positions named by the export's own checkpoints and by the heads.
        Map<String, String> kept = new HashMap<>();
        Set<String> wanted = wantedPositions(file, anchors, expected);
        Map<String, List<HeadFile.Head>> headsAt = new HashMap<>();
        anchors.forEach(h -> headsAt.computeIfAbsent(h.region() + "#" + h.position(), k -> new ArrayList<>()).add(h));
        long entries = 0;
        long lineNumber = 0;
        boolean checkpointFound = expected == null;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                entries++;
                ExportLine x;
                try {
                    x = JSON.readValue(line, ExportLine.class);
                } catch (JsonProcessingException e) {
                    // Jackson counts within the one line it was given; the file's line number is ours.
                    return Result.broken(entries, chain, Problem.EXPORT_UNREADABLE, new Where(lineNumber, null, null), "not an export entry ("
                            + e.getOriginalMessage() + " at column " + e.getLocation().getColumnNr() + ")");
                }
                String missing = missingField(x);
                if (missing != null) {
                    return Result.broken(entries, chain, Problem.EXPORT_UNREADABLE, new Where(lineNumber, null, null), "not an export entry (no \"" + missing + "\")");
                }
                String previous = chain.getOrDefault(x.region(), CanonicalForm.GENESIS);
                long expectedPosition = positions.getOrDefault(x.region(), 0L) + 1;
                Where where = new Where(lineNumber, x.region(), x.position());
                if (x.position() != expectedPosition) {
                    return positionProblem(file, lineNumber, x, expectedPosition, entries, chain, where);
                }
                if (!x.previousChain().equals(previous)) {
                    return Result.broken(entries, chain, Problem.LEDGER_ENTRY_ALTERED, where, "does not link to the line before it");
                }
                StoredEvent e = x.event();
                int format = x.formatOrV1();
                if (format != CanonicalForm.V1 && format != CanonicalForm.V2) {
                    return Result.broken(entries, chain, Problem.EXPORT_UNREADABLE, where, "unknown format " + format);
                }
                if (!CanonicalForm.payloadHash(e, format).equals(x.payloadHash())) {
                    return Result.broken(entries, chain, Problem.EVENT_PAYLOAD_EDITED, where, "payload was edited");
                }
                String uncovered = format == CanonicalForm.V1 ? CanonicalForm.uncoveredByV1(e.payload()) : null;
                if (uncovered != null) {
                    return Result.broken(entries, chain, Problem.EVENT_PAYLOAD_EDITED, where, "payload was edited: " + uncovered);
                }
                if (!CanonicalForm.metadataHash(e, format).equals(x.metadataHash())) {
                    return Result.broken(entries, chain, Problem.EVENT_METADATA_EDITED, where, "metadata was edited");
                }
                uncovered = format == CanonicalForm.V1 ? CanonicalForm.uncoveredByV1(e.metadata()) : null;
                if (uncovered != null) {
                    return Result.broken(entries, chain, Problem.EVENT_METADATA_EDITED, where, "metadata was edited: " + uncovered);
                }
                String metadataRegion = Ledger.regionOf(e.metadata());
                if (!metadataRegion.equals(x.region())) {
                    return Result.broken(entries, chain, Problem.EVENT_REGION_MISMATCH, where, "the line stands in region " + x.region()
                            + ", its metadata names " + metadataRegion);
                }
                if (!CanonicalForm.eventHash(e, format).equals(x.eventHash())) {
                    return eventFieldsProblem(file, x, entries, chain, where);
                }
                String recomputed = CanonicalForm.chain(previous, x.eventHash());
                if (!recomputed.equals(x.chain())) {
                    return Result.broken(entries, chain, Problem.LEDGER_ENTRY_ALTERED, where, "chain value altered");
                }
                String bytes = AttachmentBytes.checkExported(file, e);
                if (bytes != null) {
                    return Result.broken(entries, chain, Problem.ATTACHMENT_BYTES_EDITED, where, bytes);
                }
                chain.put(x.region(), recomputed);
                positions.put(x.region(), x.position());
                String here = x.region() + "#" + x.position();
                if (wanted.contains(here)) {
                    kept.put(here, recomputed);
                }
                for (HeadFile.Head h : headsAt.getOrDefault(here, List.of())) {
                    if (!h.chain().equals(recomputed)) {
                        return Result.broken(entries, chain, Problem.ANCHOR_MISMATCH, where, "head file " + h.file() + " says " + h.chain()
                                + ", the chain here is " + recomputed + ": the chain up to this line was rewritten");
                    }
                }
                if (LedgerVerifier.CHECKPOINT_TYPE.equals(x.payloadType())) {
                    LedgerVerifier.Checkpoint cp = LedgerVerifier.Checkpoint.parse(x.payload());
                    String at = cp == null ? null : kept.get(cp.region() + "#" + cp.position());
                    if (cp != null && !cp.digest().equals(at)) {
                        return Result.broken(entries, chain, Problem.CHECKPOINT_MISMATCH, where, "the checkpoint of meeting " + cp.meetingId()
                                + " names position " + cp.position() + " of " + cp.region() + " with " + cp.digest() + ", the chain there is "
                                + (at == null ? "not reached before this line" : at) + ": the chain up to that position was rewritten");
                    }
                }
                if (expected != null && expected.digest().equals(recomputed)
                        && (expected.region() == null || expected.region().equals(x.region()) && expected.position() == x.position())) {
                    checkpointFound = true;
                }
            }
        }
        if (entries == 0) {
            return Result.broken(0, chain, Problem.EXPORT_EMPTY, "the export holds no entries, so nothing was verified"
                    + (checkpoint == null ? "" : " and checkpoint " + checkpoint + " cannot be in it"));
        }
        for (HeadFile.Head h : anchors) {
            long end = positions.getOrDefault(h.region(), 0L);
            if (h.position() > end) {
                return Result.broken(entries, chain, Problem.LEDGER_TRUNCATED, new Where(null, h.region(), end + 1), "head file " + h.file()
                        + " names position " + h.position() + ", but the export ends at " + end + ": its tail was cut off");
            }
        }
        if (!checkpointFound) {
            String at = expected.region() == null ? "is not a chain value of this export"
                    : "is not the chain value at position " + expected.position() + " of " + expected.region() + " in this export";
            return Result.broken(entries, chain, Problem.CHECKPOINT_NOT_FOUND, "checkpoint digest " + expected.digest() + " " + at);
        }
        return new Result(true, entries, chain, null, checkpoint != null, null, null, null, null);
    }

    /** region#position of every position whose chain value a later check needs; read cheaply before the main pass. */
    private static Set<String> wantedPositions(Path file, List<HeadFile.Head> anchors, Expected expected) throws IOException {
        Set<String> wanted = new HashSet<>();
        anchors.forEach(h -> wanted.add(h.region() + "#" + h.position()));
        String type = LedgerVerifier.CHECKPOINT_TYPE;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.contains(type)) {
                    try {
                        ExportLine x = JSON.readValue(line, ExportLine.class);
                        LedgerVerifier.Checkpoint cp = type.equals(x.payloadType()) ? LedgerVerifier.Checkpoint.parse(x.payload()) : null;
                        if (cp != null) {
                            wanted.add(cp.region() + "#" + cp.position());
                        }
                    } catch (JsonProcessingException unreadable) {
                        // reported by the main pass when it gets there
                    }
                }
            }
        }
        return wanted;
    }

    private static String missingField(ExportLine x) {
        if (x.region() == null) {
            return "region";
        }
        if (x.previousChain() == null) {
            return "previousChain";
        }
        if (x.chain() == null) {
            return "chain";
        }
        if (x.payloadHash() == null) {
            return "payloadHash";
        }
        if (x.metadataHash() == null) {
            return "metadataHash";
        }
        return x.eventHash() == null ? "eventHash" : null;
    }

    /**
     * A line at the wrong position: when the expected position stands further down the file the lines
     * were reordered; otherwise one was removed (a position skipped) or inserted (a position repeated).
     */
    private static Result positionProblem(Path file, long lineNumber, ExportLine x, long expected, long entries, Map<String, String> chain,
                                          Where where) throws IOException {
        long[] movedTo = {0};
        scan(file, (n, other) -> {
            if (movedTo[0] == 0 && n > lineNumber && x.region().equals(other.region()) && other.position() == expected) {
                movedTo[0] = n;
            }
        });
        if (movedTo[0] > 0) {
            return Result.broken(entries, chain, Problem.EVENT_REORDERED, where, "expected position " + expected
                    + ", which stands at line " + movedTo[0] + " — the entries were reordered");
        }
        String what = x.position() > expected ? "an entry was removed" : "an entry was inserted or repeated";
        return Result.broken(entries, chain, Problem.LEDGER_GAP, where, "expected position " + expected + " — " + what);
    }

    /**
     * Payload and metadata hash as chained, the event hash does not: one of the event's own fields was
     * changed. A sequence number or timestamp taken from another entry of the file is a reorder (the
     * chained value is found by re-hashing with the candidates); anything else is an alteration.
     */
    private static Result eventFieldsProblem(Path file, ExportLine x, long entries, Map<String, String> chain, Where where) throws IOException {
        Set<Long> sequences = new LinkedHashSet<>();
        Set<String> timestamps = new LinkedHashSet<>();
        scan(file, (n, other) -> {
            if (x.aggregateId() != null && x.aggregateId().equals(other.aggregateId())) {
                sequences.add(other.sequence());
            }
            timestamps.add(other.timestamp());
        });
        StoredEvent e = x.event();
        int format = x.formatOrV1();
        String payloadHash = CanonicalForm.payloadHash(e, format);
        String metadataHash = CanonicalForm.metadataHash(e, format);
        for (long s : sequences) {
            StoredEvent candidate = new StoredEvent(e.aggregateType(), e.aggregateId(), s, e.eventId(), e.payloadType(), e.payloadRevision(),
                    e.timestamp(), e.payload(), e.metadata());
            if (s != e.sequence() && CanonicalForm.eventHash(candidate, payloadHash, metadataHash, format).equals(x.eventHash())) {
                return Result.broken(entries, chain, Problem.EVENT_REORDERED, where, "the event was chained as sequence " + s
                        + " of its aggregate and now says " + e.sequence() + " — the events were reordered");
            }
        }
        for (String t : timestamps) {
            StoredEvent candidate = new StoredEvent(e.aggregateType(), e.aggregateId(), e.sequence(), e.eventId(), e.payloadType(), e.payloadRevision(),
                    t, e.payload(), e.metadata());
            if (t != null && !t.equals(e.timestamp()) && CanonicalForm.eventHash(candidate, payloadHash, metadataHash, format).equals(x.eventHash())) {
                return Result.broken(entries, chain, Problem.EVENT_REORDERED, where, "the event was chained with timestamp " + t
                        + " and now says " + e.timestamp() + " — the events were moved in time");
            }
        }
        return Result.broken(entries, chain, Problem.EVENT_ALTERED, where, "event fields (type, ids, sequence, timestamp) were edited");
    }

    private interface LineVisitor {
        void visit(long lineNumber, ExportLine line);
    }

    /** Every readable entry of the file with its line number; unreadable lines are skipped (the main pass reports them). */
    private static void scan(Path file, LineVisitor visitor) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    ExportLine x = JSON.readValue(line, ExportLine.class);
                    if (x.region() != null) {
                        visitor.visit(n, x);
                    }
                } catch (JsonProcessingException unreadable) {
                    // reported by the main pass when it gets there
                }
            }
        }
    }

    /** Command-line mode; returns the process exit code (0 = verified, 1 = broken or empty, 2 = the file cannot be read). */
    public static int run(String file, String checkpoint) {
        return run(file, checkpoint, null, System.out::println);
    }

    /** Command-line mode with the head files of {@code anchorsDir} (null: none). */
    public static int run(String file, String checkpoint, String anchorsDir) {
        return run(file, checkpoint, anchorsDir, System.out::println);
    }

    static int run(String file, String checkpoint, Consumer<String> out) {
        return run(file, checkpoint, null, out);
    }

    static int run(String file, String checkpoint, String anchorsDir, Consumer<String> out) {
        List<HeadFile.Head> anchors;
        try {
            anchors = anchorsDir == null ? List.of() : HeadFile.read(Path.of(anchorsDir));
        } catch (IOException | RuntimeException e) {
            out.accept("Cannot read head files in " + anchorsDir + ": " + e.getMessage());
            return 2;
        }
        try {
            Result r = verify(Path.of(file), checkpoint, anchors);
            if (r.ok()) {
                out.accept("OK " + r.lines() + " entries" + (r.checkpointFound() ? ", checkpoint found" : "")
                        + (anchors.isEmpty() ? "" : ", " + anchors.size() + " heads of head files match"));
                r.heads().forEach((region, head) -> out.accept("  " + region + " head " + head));
                return 0;
            }
            if (r.kind() == Problem.EXPORT_EMPTY) {
                out.accept("NOT VERIFIED " + r.kind() + ": " + r.problem());
                return 1;
            }
            out.accept("BROKEN " + r.kind() + " after " + r.lines() + " entries: " + r.problem());
            return 1;
        } catch (IOException | RuntimeException e) {
            out.accept("Cannot read export " + file + ": " + e.getMessage());
            return 2;
        }
    }
}
