package cz.souhra.query.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.axonframework.queryhandling.QueryGateway;
import org.bson.BsonString;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import cz.souhra.query.common.Access;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.ReadModels;
import cz.souhra.shared.Actor;
import cz.souhra.shared.queries.IssueQueries;
import cz.souhra.shared.queries.IssueView;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.MeetingQueries;
import cz.souhra.shared.queries.MeetingView;

/**
 * Reads of attachments: lists by parent, read rights (those of the parent, decided exactly as the meeting,
 * issue and measure registers decide them) and the bytes, checked against their recorded SHA-256 before a
 * single byte is served. Blocking: call off the event loop.
 */
@Component
public class Attachments {

    /** The GridFS bucket the command side stores the bytes in ({@code AttachmentStore.BUCKET}). */
    public static final String BUCKET = "attachments";

    private static final Logger log = LoggerFactory.getLogger(Attachments.class);

    private final ReadModels readModels;
    private final GridFSBucket bucket;
    private final QueryGateway queries;
    private final Access access;

    public Attachments(MongoTemplate mongo, QueryGateway queries, Access access) {
        this.readModels = new ReadModels(mongo);
        this.bucket = GridFSBuckets.create(mongo.getDb(), BUCKET);
        this.queries = queries;
        this.access = access;
    }

    /** The attachments kept with a meeting (its agenda items' too), an issue or a measure, oldest first; removed ones left out. */
    public List<AttachmentView> of(String parentId) {
        List<AttachmentView> out = new ArrayList<>();
        readModels.collection(AttachmentProjection.ATTACHMENTS)
                .find(Filters.and(Filters.or(Filters.eq("parentId", parentId), Filters.eq("meetingId", parentId)), Filters.eq("removed", false)))
                .sort(Sorts.ascending("addedAt", "_id"))
                .forEach(d -> out.add(AttachmentView.of(d)));
        return out;
    }

    /** The attachment, if the actor may read its parent; NOT_FOUND or FORBIDDEN_READ otherwise. */
    public AttachmentView readable(Actor actor, String id) {
        Document d = readModels.collection(AttachmentProjection.ATTACHMENTS).find(Filters.eq("_id", id)).first();
        if (d == null) {
            throw QueryRefusal.notFound(id);
        }
        AttachmentView a = AttachmentView.of(d);
        requireParent(actor, a.attachedTo(), a.attachedTo().equals("AGENDA_ITEM") ? a.meetingId() : a.parentId());
        return a;
    }

    /** Refuses a reader who may not read the parent (FORBIDDEN_READ), or a parent that does not exist (NOT_FOUND). */
    public void requireParent(Actor actor, String kind, String parentId) {
        switch (kind) {
            case "MEETING", "AGENDA_ITEM" -> {
                MeetingView m = queries.query(new MeetingQueries.FindMeeting(parentId, null), MeetingView.class).join();
                access.requireBody(actor, m.bodyId());
            }
            case "ISSUE" -> {
                IssueView i = queries.query(new IssueQueries.FindIssue(parentId, null), IssueView.class).join();
                access.requireIssue(actor, i.region(), i.raisedBy());
            }
            case "MEASURE" -> {
                MeasureView m = queries.query(new MeasureQueries.FindMeasure(parentId, null), MeasureView.class).join();
                access.requireMeasure(actor, m.owner(), m.bodyId());
            }
            default -> throw QueryRefusal.notFound(parentId);
        }
    }

    /**
     * A temporary copy of the attachment's bytes, made while hashing them and returned only if they hash to
     * the recorded SHA-256: a damaged copy is refused (ATTACHMENT_DAMAGED, 409, logged) and never served.
     * The caller deletes the file.
     */
    public Path checkedCopy(AttachmentView a) {
        if (a.removed()) {
            throw new QueryRefusal(QueryRefusal.Kind.NOT_FOUND, "ATTACHMENT_GONE", a.name());
        }
        Path copy = null;
        try {
            copy = Files.createTempFile("souhra-attachment-", ".bin");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = bucket.openDownloadStream(new BsonString(a.attachmentId()));
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(copy), sha256)) {
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (!actual.equals(a.sha256())) {
                log.error("Attachment {} ({}) does not match its recorded SHA-256: recorded {}, stored bytes hash to {}; not served",
                        a.attachmentId(), a.name(), a.sha256(), actual);
                throw new QueryRefusal(QueryRefusal.Kind.CONFLICT, "ATTACHMENT_DAMAGED", a.name());
            }
            return copy;
        } catch (MongoGridFSException e) {
            delete(copy);
            log.error("Attachment {} ({}) has an event but no bytes in the store", a.attachmentId(), a.name());
            throw new QueryRefusal(QueryRefusal.Kind.CONFLICT, "ATTACHMENT_DAMAGED", a.name());
        } catch (IOException e) {
            delete(copy);
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            delete(copy);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            delete(copy);
            throw e;
        }
    }

    public static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the temporary copy {}", file, e);
            }
        }
    }
}
