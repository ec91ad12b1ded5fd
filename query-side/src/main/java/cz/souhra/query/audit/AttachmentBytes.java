package cz.souhra.query.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.bson.BsonString;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;

import cz.souhra.query.audit.VerificationReport.Problem;
import cz.souhra.query.audit.VerificationReport.RegionResult;

/**
 * The ledger covers attachments through their SHA-256, chained inside each {@code AttachmentAddedEvent}; this
 * checks the bytes against it wherever the bytes are present: in the store's GridFS bucket
 * ({@code attachments}) for {@code --verify} and {@code GET /api/audit/verify}, and in the directory
 * {@code attachments/} next to an export file (one file per attachment, named by its id, as
 * {@code GET /api/audit/export-attachments.zip} unpacks) for the offline verifier. Bytes purged after a
 * removal are not missing: the fact and its hash stay, the bytes may go.
 */
@Component
public class AttachmentBytes {

    static final String ADDED = "cz.souhra.shared.events.attachment.AttachmentAddedEvent";
    /** The export's directory of attachment bytes, next to the JSONL file. */
    public static final String EXPORT_DIRECTORY = "attachments";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GridFSBucket bucket;

    public AttachmentBytes(MongoTemplate mongo) {
        this.bucket = GridFSBuckets.create(mongo.getDb(), "attachments");
    }

    /** An attachment named by a chained event: its id and recorded hash. */
    record Recorded(String id, String name, String sha256) {
        static Recorded of(StoredEvent e) {
            if (!ADDED.equals(e.payloadType()) || e.payload() == null) {
                return null;
            }
            try {
                JsonNode p = JSON.readTree(e.payload());
                return new Recorded(p.path("attachmentId").asText(), p.path("name").asText(), p.path("sha256").asText());
            } catch (IOException ex) {
                return null; // a payload that is not JSON is reported by the chain check as edited
            }
        }
    }

    /** The first attachment of each region whose stored bytes do not hash as recorded, at its ledger position. */
    List<RegionResult> check(Map<String, StoredEvent> stored, Map<String, List<LedgerEntry>> byRegion) {
        List<RegionResult> out = new ArrayList<>();
        byRegion.forEach((region, entries) -> {
            for (LedgerEntry entry : entries) {
                if (!ADDED.equals(entry.payloadType())) {
                    continue;
                }
                StoredEvent event = stored.get(Ledger.key(entry.aggregateId(), entry.sequence()));
                Recorded r = event == null ? null : Recorded.of(event);
                if (r == null) {
                    continue;
                }
                String actual;
                try (InputStream in = bucket.openDownloadStream(new BsonString(r.id()))) {
                    actual = sha256(in);
                } catch (MongoGridFSException absent) {
                    continue;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (!actual.equals(r.sha256())) {
                    out.add(new RegionResult(region, false, entries.size(), null, entry.position(), Problem.ATTACHMENT_BYTES_EDITED,
                            mismatch(r, actual)));
                    return;
                }
            }
        });
        return out;
    }

    /** For the offline verifier: what is wrong with the exported bytes of this event's attachment, or null (fine, or not exported). */
    static String checkExported(Path exportFile, StoredEvent event) throws IOException {
        Recorded r = Recorded.of(event);
        if (r == null || r.id().isBlank() || r.id().contains("/") || r.id().contains("\\") || r.id().contains("..")) {
            return null;
        }
        Path parent = exportFile.toAbsolutePath().getParent();
        Path bytes = parent == null ? null : parent.resolve(EXPORT_DIRECTORY).resolve(r.id());
        if (bytes == null || !Files.isRegularFile(bytes)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(bytes)) {
            String actual = sha256(in);
            return actual.equals(r.sha256()) ? null : mismatch(r, actual);
        }
    }

    private static String mismatch(Recorded r, String actual) {
        return "attachment " + r.id() + " (" + r.name() + "): its bytes hash to " + actual + ", the ledger records " + r.sha256();
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                d.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the bytes of every attachment present in the store, as {@link #EXPORT_DIRECTORY}{@code /<id>} entries of a ZIP. */
    void exportZip(Iterable<StoredEvent> events, java.util.zip.ZipOutputStream zip) throws IOException {
        for (StoredEvent e : events) {
            Recorded r = Recorded.of(e);
            if (r == null) {
                continue;
            }
            try (InputStream in = bucket.openDownloadStream(new BsonString(r.id()))) {
                zip.putNextEntry(new java.util.zip.ZipEntry(EXPORT_DIRECTORY + "/" + r.id()));
                in.transferTo(zip);
                zip.closeEntry();
            } catch (MongoGridFSException absent) {
                // purged after a removal: the export carries the fact and its hash only
            }
        }
        zip.finish();
    }
}
