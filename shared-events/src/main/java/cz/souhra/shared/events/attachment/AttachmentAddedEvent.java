package cz.souhra.shared.events.attachment;

import cz.souhra.shared.ids.AttachmentId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.AttachedTo;
import org.axonframework.serialization.Revision;

/**
 * A document kept with a meeting, agenda item, issue or measure ({@code parentId}; for an agenda item
 * {@code meetingId} names its meeting). {@code mediaType} is the type detected from the bytes, never the
 * one the uploader claimed; {@code sha256} (hex) is the hash the bytes are checked against on every
 * download and ledger verification.
 */
@Revision("1")
public record AttachmentAddedEvent(
        AttachmentId attachmentId,
        RegionCode region,
        AttachedTo attachedTo,
        String parentId,
        String meetingId,
        String name,
        String mediaType,
        long size,
        String sha256) implements AttachmentEvent {
}
