package cz.souhra.query.attachment;

import org.bson.Document;

/** An attachment as listed to readers; {@code parentId} is the meeting, agenda item, issue or measure. */
public record AttachmentView(String attachmentId, String attachedTo, String parentId, String meetingId, String region, String name,
                             String mediaType, long size, String sha256, String addedBy, String institution, String addedAt,
                             boolean removed) {

    static AttachmentView of(Document d) {
        return new AttachmentView(d.getString("_id"), d.getString("attachedTo"), d.getString("parentId"), d.getString("meetingId"),
                d.getString("region"), d.getString("name"), d.getString("mediaType"), ((Number) d.get("size")).longValue(),
                d.getString("sha256"), d.getString("addedBy"), d.getString("institution"), d.getString("addedAt"),
                Boolean.TRUE.equals(d.getBoolean("removed")));
    }
}
