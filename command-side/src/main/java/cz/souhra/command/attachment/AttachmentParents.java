package cz.souhra.command.attachment;

import java.util.HashSet;
import java.util.Set;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import cz.souhra.command.common.DomainException;
import cz.souhra.shared.events.attachment.AttachmentAddedEvent;
import cz.souhra.shared.events.issue.IssueRaisedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureReassignedEvent;
import cz.souhra.shared.events.meeting.AgendaItemAddedEvent;
import cz.souhra.shared.events.meeting.AgendaItemCarriedOverEvent;
import cz.souhra.shared.events.meeting.AgendaItemRemovedEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.AttachedTo;

/**
 * What an attachment command needs to know of its parent (region, body, owner), folded from the parent's
 * own events in the event store: the command side may not read the query side, and the parent's stream is
 * the truth at this instant (an owner reassigned a second ago counts).
 */
@Component
public class AttachmentParents {

    /** A parent's facts: {@code bodyId} for meetings and measures, {@code owner} for issues (who raised it) and measures. */
    public record Parent(AttachedTo kind, RegionCode region, String bodyId, InstitutionId owner) {}

    /** An attachment's own facts: what it is attached to. */
    public record Attached(AttachedTo kind, String parentId, String meetingId) {}

    private final ObjectProvider<EventStore> events;

    public AttachmentParents(ObjectProvider<EventStore> events) {
        this.events = events;
    }

    /** The parent named by {@code parentId} (for an agenda item: the item of {@code meetingId}); NOT_FOUND when none. */
    public Parent resolve(AttachedTo kind, String parentId, String meetingId) {
        String stream = kind == AttachedTo.AGENDA_ITEM ? meetingId : parentId;
        RegionCode region = null;
        String body = null;
        InstitutionId owner = null;
        Set<String> items = new HashSet<>();
        DomainEventStream s = events.getObject().readEvents(stream, 0);
        while (s.hasNext()) {
            DomainEventMessage<?> m = s.next();
            Object e = m.getPayload();
            if (kind == AttachedTo.MEETING || kind == AttachedTo.AGENDA_ITEM) {
                if (e instanceof MeetingScheduledEvent x) {
                    region = x.region();
                    body = x.bodyId().value();
                } else if (e instanceof AgendaItemAddedEvent x) {
                    items.add(x.itemId().value());
                } else if (e instanceof AgendaItemCarriedOverEvent x) {
                    items.add(x.itemId().value());
                } else if (e instanceof AgendaItemRemovedEvent x) {
                    items.remove(x.itemId().value());
                }
            } else if (kind == AttachedTo.ISSUE && e instanceof IssueRaisedEvent x) {
                region = x.region();
                owner = x.raisedBy();
            } else if (kind == AttachedTo.MEASURE) {
                if (e instanceof MeasureAdoptedEvent x) {
                    region = x.region();
                    body = x.bodyId().value();
                    owner = x.owner();
                } else if (e instanceof MeasureReassignedEvent x) {
                    owner = x.owner();
                }
            }
        }
        if (region == null) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "NOT_FOUND", stream);
        }
        if (kind == AttachedTo.AGENDA_ITEM && !items.contains(parentId)) {
            throw DomainException.rule("AGENDA_ITEM_UNKNOWN", parentId);
        }
        return new Parent(kind, region, body, owner);
    }

    /** What attachment {@code id} is attached to; NOT_FOUND when there is no such attachment. */
    public Attached of(String id) {
        DomainEventStream s = events.getObject().readEvents(id, 0);
        if (s.hasNext() && s.next().getPayload() instanceof AttachmentAddedEvent e) {
            return new Attached(e.attachedTo(), e.parentId(), e.meetingId());
        }
        throw new DomainException(DomainException.Kind.NOT_FOUND, "NOT_FOUND", id);
    }

    /** Whether an event of attachment {@code id} is in the store: its upload got as far as its record. */
    public boolean recorded(String id) {
        return events.getObject().readEvents(id, 0).hasNext();
    }
}
