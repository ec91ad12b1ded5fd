package cz.souhra.query.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ledger's heads written outside the store (docs/ledger.md, "Head files"): one file a UTC day,
 * {@code ledger-heads-YYYY-MM-DD.json}, UTF-8 without BOM, one JSON object and a final LF:
 * {@code {"format":"souhra-ledger-heads-v1","writtenAt":"…","heads":[{"region":"…","position":n,"chain":"…"},…]}},
 * regions in code point order. An operator ships the files elsewhere; verification then checks the store or
 * an export against every head they hold.
 */
public final class HeadFile {

    static final String FORMAT = "souhra-ledger-heads-v1";
    private static final Pattern NAME = Pattern.compile("ledger-heads-\\d{4}-\\d{2}-\\d{2}\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HeadFile() {}

    /** One region's head as a file recorded it. */
    public record Head(String region, long position, String chain, String file) {}

    static String fileName(LocalDate day) {
        return "ledger-heads-" + day + ".json";
    }

    /**
     * Writes today's file (UTC) with these heads: to a temporary file in the same directory, then moved over
     * the day's file in one step, so a reader (or the operator's shipping job) never sees half a file.
     */
    static Path write(Path dir, Instant now, List<LedgerEntry> heads) {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("writtenAt", now.toString());
        ArrayNode list = root.putArray("heads");
        heads.stream().sorted(Comparator.comparing(LedgerEntry::region, HeadFile::byCodePoint))
                .forEach(h -> list.addObject().put("region", h.region()).put("position", h.position()).put("chain", h.chain()));
        Path target = dir.resolve(fileName(LocalDate.ofInstant(now, ZoneOffset.UTC)));
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".ledger-heads-", ".tmp");
            try {
                Files.write(tmp, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the ledger head file " + target, e);
        }
        return target;
    }

    /**
     * Every head of every head file in the directory, files in name (= date) order.
     *
     * @throws IllegalArgumentException naming the file when one is not a head file of this format
     */
    public static List<Head> read(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(p -> {
                if (NAME.matcher(p.getFileName().toString()).matches()) {
                    files.add(p);
                }
            });
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Head> out = new ArrayList<>();
        for (Path f : files) {
            JsonNode root;
            try {
                root = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException(f.getFileName() + " is not a ledger head file: " + e.getMessage(), e);
            }
            if (root == null || !FORMAT.equals(root.path("format").asText()) || !root.path("heads").isArray()) {
                throw new IllegalArgumentException(f.getFileName() + " is not a ledger head file of format " + FORMAT);
            }
            for (JsonNode h : root.get("heads")) {
                if (!h.path("region").isTextual() || !h.path("position").canConvertToLong() || !h.path("chain").isTextual()) {
                    throw new IllegalArgumentException(f.getFileName() + ": a head needs region (text), position (integer) and chain (text)");
                }
                out.add(new Head(h.get("region").textValue(), h.get("position").longValue(), h.get("chain").textValue(), f.getFileName().toString()));
            }
        }
        return out;
    }

    /** Unicode code point order (String.compareTo orders UTF-16 code units, which differs above U+FFFF). */
    static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
