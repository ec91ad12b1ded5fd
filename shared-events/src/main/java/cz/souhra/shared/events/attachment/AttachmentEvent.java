package cz.souhra.shared.events.attachment;

/**
 * Every event of the Attachment aggregate. A projection that folds this aggregate names this interface
 * ({@code FoldsEventsOf} on the query side), and a test fails when one of these events is neither folded
 * nor listed as ignored there with its reason: a new event cannot be forgotten by a read model silently.
 */
public sealed interface AttachmentEvent permits
        AttachmentAddedEvent,
        AttachmentRemovedEvent {
}
