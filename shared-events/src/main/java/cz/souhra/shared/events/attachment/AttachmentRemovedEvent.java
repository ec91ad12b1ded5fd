package cz.souhra.shared.events.attachment;

import cz.souhra.shared.ids.AttachmentId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.AttachedTo;
import org.axonframework.serialization.Revision;

/** An attachment taken off its record; its bytes may be purged, the fact and its hash stay in the ledger. */
@Revision("1")
public record AttachmentRemovedEvent(
        AttachmentId attachmentId,
        RegionCode region,
        AttachedTo attachedTo,
        String parentId,
        String reason) implements AttachmentEvent {
}
