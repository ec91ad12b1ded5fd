package cz.souhra.command.attachment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Set;
import java.util.regex.Pattern;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.Facts;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.attachment.AddAttachmentCommand;
import cz.souhra.shared.commands.attachment.RemoveAttachmentCommand;
import cz.souhra.shared.events.attachment.AttachmentAddedEvent;
import cz.souhra.shared.events.attachment.AttachmentRemovedEvent;
import cz.souhra.shared.ids.AttachmentId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.AttachedTo;

/**
 * A document kept with a meeting, agenda item, issue or measure. Its own aggregate, not a part of its
 * parent's: an upload then never contends with the parent's commands, and the parent's stream stays small.
 * Who may attach follows who may change the parent: the body's secretary for meetings and their items, the
 * raising institution (or any secretary or administrator) for issues, the owner or the body's secretary
 * for measures; always within the parent's region. The same people may remove it.
 */
@Aggregate
public class Attachment {

    /** What the upload accepts, by the type detected from the bytes. */
    public static final Set<String> ACCEPTED = Set.of(
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.text",
            "image/png",
            "image/jpeg");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private AttachmentId id;
    private RegionCode region;
    private AttachedTo attachedTo;
    private String parentId;
    private boolean removed;

    protected Attachment() {}

    @CommandHandler
    public Attachment(AddAttachmentCommand cmd, MetaData metaData) {
        if (cmd.attachedTo() == null) {
            throw DomainException.invalid("REQUIRED", "attachedTo");
        }
        if (cmd.region() == null) {
            throw DomainException.invalid("REQUIRED", "region");
        }
        String parent = parentOf(cmd);
        requireEditor(Facts.actor(metaData), cmd.attachedTo(), cmd.region(), cmd.bodyId(), cmd.owner() == null ? null : cmd.owner().value());
        String name = Facts.requireText(cmd.name(), "name", 255);
        if (cmd.mediaType() == null || !ACCEPTED.contains(cmd.mediaType())) {
            throw DomainException.field(DomainException.Kind.RULE, "ATTACHMENT_TYPE", "file", String.valueOf(cmd.mediaType()));
        }
        if (cmd.size() <= 0) {
            throw DomainException.field(DomainException.Kind.RULE, "ATTACHMENT_EMPTY", "file");
        }
        if (cmd.sha256() == null || !SHA256.matcher(cmd.sha256()).matches()) {
            throw DomainException.invalid("REQUIRED", "sha256");
        }
        apply(new AttachmentAddedEvent(cmd.attachmentId(), cmd.region(), cmd.attachedTo(), parent,
                        cmd.meetingId() == null ? null : cmd.meetingId().value(), name, cmd.mediaType(), cmd.size(), cmd.sha256()),
                Facts.in(cmd.region()));
    }

    @CommandHandler
    void handle(RemoveAttachmentCommand cmd, MetaData metaData) {
        requireEditor(Facts.actor(metaData), attachedTo, region, cmd.bodyId(), cmd.owner() == null ? null : cmd.owner().value());
        if (removed) {
            throw DomainException.conflict("ATTACHMENT_REMOVED", id);
        }
        apply(new AttachmentRemovedEvent(id, region, attachedTo, parentId, Facts.requireText(cmd.reason(), "reason", 2000)), Facts.in(region));
    }

    private static String parentOf(AddAttachmentCommand cmd) {
        return switch (cmd.attachedTo()) {
            case MEETING -> require(cmd.meetingId(), "meetingId");
            case AGENDA_ITEM -> {
                require(cmd.meetingId(), "meetingId");
                yield require(cmd.itemId(), "itemId");
            }
            case ISSUE -> require(cmd.issueId(), "issueId");
            case MEASURE -> require(cmd.measureId(), "measureId");
        };
    }

    private static String require(Object id, String field) {
        if (id == null || id.toString().isBlank()) {
            throw DomainException.invalid("REQUIRED", field);
        }
        return id.toString();
    }

    static void requireEditor(Actor actor, AttachedTo kind, RegionCode region, String bodyId, String owner) {
        Facts.requireWriter(actor);
        switch (kind) {
            case MEETING, AGENDA_ITEM -> {
                if (bodyId == null || !actor.isSecretaryOf(bodyId)) {
                    throw DomainException.forbidden("NOT_SECRETARY", String.valueOf(bodyId));
                }
            }
            case ISSUE -> {
                if ((owner == null || !actor.actsFor(owner)) && !actor.has(Actor.Role.SECRETARY) && !actor.has(Actor.Role.ADMIN)) {
                    throw DomainException.forbidden("NOT_OWN_INSTITUTION", String.valueOf(owner));
                }
            }
            case MEASURE -> {
                if ((owner == null || !actor.actsFor(owner)) && (bodyId == null || !actor.isSecretaryOf(bodyId))) {
                    throw DomainException.forbidden("NOT_ATTACHMENT_EDITOR");
                }
            }
        }
        Facts.requireRegion(actor, region);
    }

    @EventSourcingHandler
    void on(AttachmentAddedEvent e) {
        id = e.attachmentId();
        region = e.region();
        attachedTo = e.attachedTo();
        parentId = e.parentId();
    }

    @EventSourcingHandler
    void on(AttachmentRemovedEvent e) {
        removed = true;
    }
}
