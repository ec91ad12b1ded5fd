package cz.souhra.query.search;

import cz.souhra.shared.events.attachment.AttachmentAddedEvent;

/**
 * Where the search index gets an attachment's text when it folds the attachment's event: a function of the
 * recorded bytes (their SHA-256 is in the event), so a rebuild reads the same text.
 */
@FunctionalInterface
public interface AttachmentText {

    /** The attachment's text; empty when it has none or cannot be read (its name is then all that is indexed). Never throws. */
    String of(AttachmentAddedEvent added);

    /** For an index without the attachments' bytes at hand (tests and benchmarks of other records): names only. */
    AttachmentText NAMES_ONLY = added -> "";
}
