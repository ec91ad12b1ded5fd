package cz.souhra.shared.commands.attachment;

import cz.souhra.shared.ids.AttachmentId;
import cz.souhra.shared.ids.InstitutionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Takes an attachment off its record. {@code bodyId} and {@code owner} are the parent's as they stand now,
 * resolved by the server from the parent's events, so who may remove follows who may change the parent today.
 */
public record RemoveAttachmentCommand(
        @TargetAggregateIdentifier AttachmentId attachmentId,
        String bodyId,
        InstitutionId owner,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
