package cz.souhra.infra.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Verifies an export file with no server and no store: {@code java -jar souhra.jar --verify-export=FILE
 * [--checkpoint=DIGEST]}. Each line's event is re-hashed from its stored text and chained anew per
 * region; the first line where the file disagrees with itself is named. A checkpoint digest printed on
 * minutes must appear as the chain value of some line, tying the paper to this exact record.
 */
public final class OfflineExportVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OfflineExportVerifier() {}

    public record Result(boolean ok, long lines, Map<String, String> heads, String problem, boolean checkpointFound) {}

    public static Result verify(Path file, String checkpoint) throws IOException {
        Map<String, String> chain = new HashMap<>();
        Map<String, Long> positions = new HashMap<>();
        long n = 0;
        boolean checkpointFound = checkpoint == null;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                n++;
                ExportLine x = JSON.readValue(line, ExportLine.class);
                String previous = chain.getOrDefault(x.region(), CanonicalForm.GENESIS);
                long expected = positions.getOrDefault(x.region(), 0L) + 1;
                String where = "line " + n + " (region " + x.region() + ", position " + x.position() + ")";
                if (x.position() != expected) {
                    return new Result(false, n, chain, where + ": expected position " + expected + " — an entry was removed, inserted or moved", false);
                }
                if (!x.previousChain().equals(previous)) {
                    return new Result(false, n, chain, where + ": does not link to the line before it", false);
                }
                StoredEvent e = x.event();
                if (!CanonicalForm.payloadHash(e).equals(x.payloadHash())) {
                    return new Result(false, n, chain, where + ": payload was edited", false);
                }
                if (!CanonicalForm.metadataHash(e).equals(x.metadataHash())) {
                    return new Result(false, n, chain, where + ": metadata was edited", false);
                }
                if (!CanonicalForm.eventHash(e).equals(x.eventHash())) {
                    return new Result(false, n, chain, where + ": event fields (timestamp, type, ids) were edited", false);
                }
                String recomputed = CanonicalForm.chain(previous, x.eventHash());
                if (!recomputed.equals(x.chain())) {
                    return new Result(false, n, chain, where + ": chain value altered", false);
                }
                chain.put(x.region(), recomputed);
                positions.put(x.region(), x.position());
                if (recomputed.equals(checkpoint)) {
                    checkpointFound = true;
                }
            }
        }
        if (!checkpointFound) {
            return new Result(false, n, chain, "checkpoint digest " + checkpoint + " is not a chain value of this export", false);
        }
        return new Result(true, n, chain, null, checkpoint != null);
    }

    /** Command-line mode; returns the process exit code (0 = verified). */
    public static int run(String file, String checkpoint) {
        try {
            Result r = verify(Path.of(file), checkpoint);
            if (r.ok()) {
                System.out.println("OK " + r.lines() + " entries" + (r.checkpointFound() ? ", checkpoint found" : ""));
                r.heads().forEach((region, head) -> System.out.println("  " + region + " head " + head));
                return 0;
            }
            System.out.println("BROKEN after " + r.lines() + " lines: " + r.problem());
            return 1;
        } catch (IOException | RuntimeException e) {
            System.out.println("Cannot read export " + file + ": " + e.getMessage());
            return 2;
        }
    }
}
