package cz.souhra.command.attachment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Predicate;

import org.bson.BsonString;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;

/**
 * The bytes of attachments, in the GridFS bucket {@code attachments} (two ordinary collections,
 * {@code attachments.files} and {@code attachments.chunks}, so the embedded store keeps them as a real
 * MongoDB does), under the attachment's id.
 *
 * <p>Write order, so that a crash at any instant leaves either the whole attachment and its event or
 * neither visible: (1) a marker in {@code attachment_uploads} says an upload of this id began; (2) the
 * chunks, then the file document (the driver writes it when the stream closes); (3) the event, through
 * the command bus; (4) the marker is removed. An attachment is visible only through its event (the read
 * model and every download start from it), and the event is appended only after the bytes are durable.
 * A marker older than the grace period whose id has no event is an upload that died before step 3: its
 * chunks and file are deleted by {@link #sweep}, run at start. Every write waits for the journal (and a
 * majority on a replica set), like the event store's.
 */
@Component
public class AttachmentStore {

    public static final String BUCKET = "attachments";
    public static final String UPLOADS = "attachment_uploads";
    /** 255 KiB, the driver's default; a 25 MB upload is about 100 chunk writes. */
    static final int CHUNK = 255 * 1024;

    private static final Logger log = LoggerFactory.getLogger(AttachmentStore.class);

    private final GridFSBucket bucket;
    private final MongoCollection<Document> chunks;
    private final MongoCollection<Document> uploads;
    private final Clock clock;

    public AttachmentStore(MongoTemplate mongo, Clock clock) {
        MongoDatabase db = mongo.getDb().withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        this.bucket = GridFSBuckets.create(db, BUCKET).withChunkSizeBytes(CHUNK);
        this.chunks = db.getCollection(BUCKET + ".chunks");
        this.uploads = db.getCollection(UPLOADS);
        this.clock = clock;
    }

    /** Steps 1 and 2 begin: the marker is durable before the first chunk is written. */
    public GridFSUploadStream begin(String id, String name, String mediaType) {
        uploads.insertOne(new Document("_id", id).append("startedAt", Date.from(clock.instant())));
        return bucket.openUploadStream(new BsonString(id), name,
                new GridFSUploadOptions().metadata(new Document("mediaType", mediaType)));
    }

    /** Step 4: the event is appended; the marker is no longer needed. */
    public void committed(String id) {
        uploads.deleteOne(Filters.eq("_id", id));
    }

    /** An upload refused or failed before its event: its bytes and marker go. */
    public void discard(String id) {
        chunks.deleteMany(Filters.eq("files_id", id));
        bucket.find(Filters.eq("_id", id)).forEach(f -> bucket.delete(new BsonString(id)));
        uploads.deleteOne(Filters.eq("_id", id));
    }

    /**
     * Deletes the bytes of uploads begun more than {@code grace} ago that have no event ({@code recorded}
     * says whether an id has one) and forgets the markers of those that do. The grace keeps an upload
     * still running in another process (several processes may share a real MongoDB) from being taken for a
     * dead one. Answers the number of uploads deleted.
     */
    public int sweep(Duration grace, Predicate<String> recorded) {
        Instant before = clock.instant().minus(grace);
        int deleted = 0;
        for (Document marker : uploads.find(Filters.lte("startedAt", Date.from(before)))) {
            String id = marker.getString("_id");
            if (recorded.test(id)) {
                committed(id);
            } else {
                discard(id);
                deleted++;
            }
        }
        if (deleted > 0) {
            log.warn("Deleted the bytes of {} attachment upload(s) interrupted before their event was recorded", deleted);
        }
        return deleted;
    }
}
