package cz.souhra.infra.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cz.souhra.infra.audit.VerificationReport.Problem;

/**
 * Verifies an export file with no server and no store: {@code java -jar souhra.jar --verify-export=FILE
 * [--checkpoint=DIGEST]}. Each line's event is re-hashed from its stored text and chained anew per
 * region; the first line where the file disagrees with itself is named by its line number in the file.
 * A checkpoint digest printed on minutes must appear as the chain value of some line, tying the paper to
 * this exact record. A file without a single entry proves nothing and is not reported as verified.
 * Attachment bytes exported into {@code attachments/} next to the file are checked against their chained hash.
 */
public final class OfflineExportVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OfflineExportVerifier() {}

    /**
     * @param lines  entries read (lines that are not blank)
     * @param kind   what is wrong, null when ok
     */
    public record Result(boolean ok, long lines, Map<String, String> heads, String problem, boolean checkpointFound, Problem kind) {

        static Result broken(long lines, Map<String, String> heads, Problem kind, String problem) {
            return new Result(false, lines, heads, problem, false, kind);
        }
    }

    public static Result verify(Path file, String checkpoint) throws IOException {
        Map<String, String> chain = new HashMap<>();
        Map<String, Long> positions = new HashMap<>();
        long entries = 0;
        long lineNumber = 0;
        boolean checkpointFound = checkpoint == null;
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
                    return Result.broken(entries, chain, Problem.EXPORT_UNREADABLE, "line " + lineNumber + ": not an export entry ("
                            + e.getOriginalMessage() + " at column " + e.getLocation().getColumnNr() + ")");
                }
                String missing = missingField(x);
                if (missing != null) {
                    return Result.broken(entries, chain, Problem.EXPORT_UNREADABLE, "line " + lineNumber + ": not an export entry (no \"" + missing + "\")");
                }
                String previous = chain.getOrDefault(x.region(), CanonicalForm.GENESIS);
                long expected = positions.getOrDefault(x.region(), 0L) + 1;
                String where = "line " + lineNumber + " (region " + x.region() + ", position " + x.position() + ")";
                if (x.position() != expected) {
                    return positionProblem(file, lineNumber, x, expected, entries, chain, where);
                }
                if (!x.previousChain().equals(previous)) {
                    return Result.broken(entries, chain, Problem.LEDGER_ENTRY_ALTERED, where + ": does not link to the line before it");
                }
                StoredEvent e = x.event();
                if (!CanonicalForm.payloadHash(e).equals(x.payloadHash())) {
                    return Result.broken(entries, chain, Problem.EVENT_PAYLOAD_EDITED, where + ": payload was edited");
                }
                if (!CanonicalForm.metadataHash(e).equals(x.metadataHash())) {
                    return Result.broken(entries, chain, Problem.EVENT_METADATA_EDITED, where + ": metadata was edited");
                }
                if (!CanonicalForm.eventHash(e).equals(x.eventHash())) {
                    return eventFieldsProblem(file, x, entries, chain, where);
                }
                String recomputed = CanonicalForm.chain(previous, x.eventHash());
                if (!recomputed.equals(x.chain())) {
                    return Result.broken(entries, chain, Problem.LEDGER_ENTRY_ALTERED, where + ": chain value altered");
                }
                String bytes = AttachmentBytes.checkExported(file, e);
                if (bytes != null) {
                    return Result.broken(entries, chain, Problem.ATTACHMENT_BYTES_EDITED, where + ": " + bytes);
                }
                chain.put(x.region(), recomputed);
                positions.put(x.region(), x.position());
                if (recomputed.equals(checkpoint)) {
                    checkpointFound = true;
                }
            }
        }
        if (entries == 0) {
            return Result.broken(0, chain, Problem.EXPORT_EMPTY, "the export holds no entries, so nothing was verified"
                    + (checkpoint == null ? "" : " and checkpoint " + checkpoint + " cannot be in it"));
        }
        if (!checkpointFound) {
            return Result.broken(entries, chain, Problem.CHECKPOINT_NOT_FOUND, "checkpoint digest " + checkpoint + " is not a chain value of this export");
        }
        return new Result(true, entries, chain, null, checkpoint != null, null);
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
                                          String where) throws IOException {
        long[] movedTo = {0};
        scan(file, (n, other) -> {
            if (movedTo[0] == 0 && n > lineNumber && x.region().equals(other.region()) && other.position() == expected) {
                movedTo[0] = n;
            }
        });
        if (movedTo[0] > 0) {
            return Result.broken(entries, chain, Problem.EVENT_REORDERED, where + ": expected position " + expected
                    + ", which stands at line " + movedTo[0] + " — the entries were reordered");
        }
        String what = x.position() > expected ? "an entry was removed" : "an entry was inserted or repeated";
        return Result.broken(entries, chain, Problem.LEDGER_GAP, where + ": expected position " + expected + " — " + what);
    }

    /**
     * Payload and metadata hash as chained, the event hash does not: one of the event's own fields was
     * changed. A sequence number or timestamp taken from another entry of the file is a reorder (the
     * chained value is found by re-hashing with the candidates); anything else is an alteration.
     */
    private static Result eventFieldsProblem(Path file, ExportLine x, long entries, Map<String, String> chain, String where) throws IOException {
        Set<Long> sequences = new LinkedHashSet<>();
        Set<String> timestamps = new LinkedHashSet<>();
        scan(file, (n, other) -> {
            if (x.aggregateId() != null && x.aggregateId().equals(other.aggregateId())) {
                sequences.add(other.sequence());
            }
            timestamps.add(other.timestamp());
        });
        StoredEvent e = x.event();
        String payloadHash = CanonicalForm.payloadHash(e);
        String metadataHash = CanonicalForm.metadataHash(e);
        for (long s : sequences) {
            StoredEvent candidate = new StoredEvent(e.aggregateType(), e.aggregateId(), s, e.eventId(), e.payloadType(), e.payloadRevision(),
                    e.timestamp(), e.payload(), e.metadata());
            if (s != e.sequence() && CanonicalForm.eventHash(candidate, payloadHash, metadataHash).equals(x.eventHash())) {
                return Result.broken(entries, chain, Problem.EVENT_REORDERED, where + ": the event was chained as sequence " + s
                        + " of its aggregate and now says " + e.sequence() + " — the events were reordered");
            }
        }
        for (String t : timestamps) {
            StoredEvent candidate = new StoredEvent(e.aggregateType(), e.aggregateId(), e.sequence(), e.eventId(), e.payloadType(), e.payloadRevision(),
                    t, e.payload(), e.metadata());
            if (t != null && !t.equals(e.timestamp()) && CanonicalForm.eventHash(candidate, payloadHash, metadataHash).equals(x.eventHash())) {
                return Result.broken(entries, chain, Problem.EVENT_REORDERED, where + ": the event was chained with timestamp " + t
                        + " and now says " + e.timestamp() + " — the events were moved in time");
            }
        }
        return Result.broken(entries, chain, Problem.EVENT_ALTERED, where + ": event fields (type, ids, sequence, timestamp) were edited");
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
        return run(file, checkpoint, System.out::println);
    }

    static int run(String file, String checkpoint, Consumer<String> out) {
        try {
            Result r = verify(Path.of(file), checkpoint);
            if (r.ok()) {
                out.accept("OK " + r.lines() + " entries" + (r.checkpointFound() ? ", checkpoint found" : ""));
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
