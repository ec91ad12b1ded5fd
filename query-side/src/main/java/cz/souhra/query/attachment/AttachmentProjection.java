package cz.souhra.query.attachment;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.LiveProjection;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.ViewLookup;
import cz.souhra.shared.events.attachment.AttachmentAddedEvent;
import cz.souhra.shared.events.attachment.AttachmentRemovedEvent;

/**
 * One document per attachment ({@code attachments}): what it is attached to, its name, detected type, size
 * and SHA-256, who added it and when; a removed one keeps its document, marked removed, since the fact and
 * its hash stay. The stored {@code version} (aggregate sequence) makes a redelivered event change nothing.
 */
@Component
@ProcessingGroup(AttachmentProjection.GROUP)
public class AttachmentProjection extends LiveProjection {

    public static final String GROUP = "attachments";
    public static final String ATTACHMENTS = "attachments";

    public AttachmentProjection(MongoTemplate mongo) {
        super(new ReadModels(mongo), GROUP, ATTACHMENTS);
    }

    @Override
    public List<Write> fold(ViewLookup views, Object event, EventMeta m) {
        Document current = views.get(ATTACHMENTS, m.aggregateId());
        if (current != null && ((Number) current.get("version")).longValue() >= m.sequence()) {
            return List.of();
        }
        if (event instanceof AttachmentAddedEvent e) {
            return List.of(new Write(ATTACHMENTS, new Document("_id", e.attachmentId().value())
                    .append("attachedTo", e.attachedTo().name()).append("parentId", e.parentId()).append("meetingId", e.meetingId())
                    .append("region", e.region().value()).append("name", e.name()).append("mediaType", e.mediaType())
                    .append("size", e.size()).append("sha256", e.sha256()).append("addedBy", m.actor()).append("institution", m.institution())
                    .append("addedAt", m.recordedAt().toString()).append("removed", false)
                    .append("version", m.sequence())));
        }
        if (event instanceof AttachmentRemovedEvent e && current != null) {
            return List.of(new Write(ATTACHMENTS, new Document(current).append("removed", true).append("removedReason", e.reason())
                    .append("removedAt", m.recordedAt().toString()).append("version", m.sequence())));
        }
        return List.of();
    }
}
