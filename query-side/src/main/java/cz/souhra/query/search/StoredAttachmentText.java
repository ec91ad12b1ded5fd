package cz.souhra.query.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.BsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.GridFSBucket;

import cz.souhra.query.attachment.Attachments;
import cz.souhra.shared.events.attachment.AttachmentAddedEvent;

/**
 * The text of an attachment's stored bytes: copied out of GridFS while hashed, parsed only when they hash to the
 * SHA-256 in the event (so the text is that of the recorded file, in the live index and in a rebuild alike).
 * Bytes that are gone (purged after a removal), damaged, too large, encrypted, malformed or slow to parse give no
 * text; the attachment is then found by its name, and the reason is logged once per file.
 */
public final class StoredAttachmentText implements AttachmentText {

    private static final Logger log = LoggerFactory.getLogger(StoredAttachmentText.class);

    private final GridFSBucket bucket;
    private final AttachmentTextExtractor extractor;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public StoredAttachmentText(GridFSBucket bucket, AttachmentTextExtractor extractor) {
        this.bucket = bucket;
        this.extractor = extractor;
    }

    @Override
    public String of(AttachmentAddedEvent added) {
        if (!AttachmentTextExtractor.hasText(added.mediaType())) {
            return "";
        }
        Path copy = null;
        try {
            copy = Files.createTempFile("souhra-text-", ".bin");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = bucket.openDownloadStream(new BsonString(added.attachmentId().value()));
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(copy), sha256)) {
                in.transferTo(out);
            }
            if (!HexFormat.of().formatHex(sha256.digest()).equals(added.sha256())) {
                once(added, "does not match its recorded SHA-256");
                return "";
            }
            return extractor.text(copy, added.mediaType());
        } catch (MongoGridFSException gone) {
            once(added, "has no bytes in the store (purged after its removal)");
            return "";
        } catch (AttachmentTextExtractor.Unreadable e) {
            once(added, e.getMessage());
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy attachment " + added.attachmentId().value() + " for its text", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Attachments.delete(copy);
        }
    }

    private void once(AttachmentAddedEvent added, String why) {
        if (logged.add(added.attachmentId().value())) {
            log.warn("Attachment {} ({}) {}: indexed by its name only", added.attachmentId().value(), added.name(), why);
        }
    }
}
