package cz.souhra.shared.commands.attachment;

import cz.souhra.shared.ids.AttachmentId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.AttachedTo;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records an attachment whose bytes are already stored under {@code attachmentId}. Exactly one of
 * {@code meetingId} (meetings and agenda items, with {@code itemId}), {@code issueId} and {@code measureId}
 * names the parent; {@code region}, {@code bodyId} and {@code owner} are the parent's, resolved by the
 * server from the parent's events (never taken from the caller), so the aggregate can decide who may attach.
 */
public record AddAttachmentCommand(
        @TargetAggregateIdentifier AttachmentId attachmentId,
        AttachedTo attachedTo,
        MeetingId meetingId,
        String itemId,
        IssueId issueId,
        MeasureId measureId,
        RegionCode region,
        String bodyId,
        InstitutionId owner,
        String name,
        String mediaType,
        long size,
        String sha256) {
}
