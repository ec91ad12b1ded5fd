package cz.souhra.query.meeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.Views;
import cz.souhra.shared.events.meeting.AgendaItemAddedEvent;
import cz.souhra.shared.events.meeting.AgendaItemCarriedOverEvent;
import cz.souhra.shared.events.meeting.AgendaItemRemovedEvent;
import cz.souhra.shared.events.meeting.AgendaReorderedEvent;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.events.meeting.ItemDiscussedEvent;
import cz.souhra.shared.events.meeting.LedgerCheckpointRecordedEvent;
import cz.souhra.shared.events.meeting.MeetingCancelledEvent;
import cz.souhra.shared.events.meeting.MeetingClosedEvent;
import cz.souhra.shared.events.meeting.MeetingConvenedEvent;
import cz.souhra.shared.events.meeting.MeetingCorrectedEvent;
import cz.souhra.shared.events.meeting.MeetingRescheduledEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
import cz.souhra.shared.events.meeting.MinutesApprovedEvent;
import cz.souhra.shared.events.meeting.MinutesConfirmedEvent;
import cz.souhra.shared.events.meeting.MinutesDraftCorrectedEvent;
import cz.souhra.shared.events.meeting.MinutesObjectionNotedEvent;
import cz.souhra.shared.events.meeting.MinutesObjectionRaisedEvent;
import cz.souhra.shared.events.meeting.MinutesRecordedEvent;
import cz.souhra.shared.events.meeting.MinutesVerificationStartedEvent;
import cz.souhra.shared.events.meeting.OpenMeasureCarriedOverEvent;
import cz.souhra.shared.events.meeting.ResolutionAdoptedEvent;

/**
 * The meeting view as a pure function of the meeting's own events: agenda, attendance and quorum,
 * discussion, resolutions, minutes, carry-overs into it, corrections, the ledger checkpoint. What other
 * aggregates say about a meeting (measures adopted, items carried on to a later meeting) is kept as
 * links by {@link MeetingProjection} and merged when read, so the view depends on one aggregate's order
 * only. Returns the changed views keyed by meeting id.
 */
public final class MeetingFold {

    private MeetingFold() {}

    public interface Lookup {
        Document get(String meetingId);
    }

    /** Events of the meeting aggregate, all of which live in the meeting events' package. */
    public static boolean isMeetingEvent(Object event) {
        return event.getClass().getPackageName().equals(MeetingScheduledEvent.class.getPackageName());
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Document> apply(Lookup views, Object event, EventMeta m) {
        Map<String, Document> changed = new LinkedHashMap<>();
        if (event instanceof MeetingScheduledEvent e) {
            if (views.get(e.meetingId().value()) != null) {
                return changed;
            }
            Document d = new Document("_id", e.meetingId().value()).append("meetingId", e.meetingId().value()).append("region", e.region().value())
                    .append("bodyId", e.bodyId().value()).append("startsAt", e.startsAt().toString()).append("place", e.place())
                    .append("members", e.members().stream().map(Object::toString).toList()).append("quorumPercent", e.quorum().percent())
                    .append("quorumStrictlyMore", e.quorum().strictlyMore()).append("status", "SCHEDULED")
                    .append("agenda", new ArrayList<>()).append("resolutions", new ArrayList<>())
                    .append("carriedMeasures", new ArrayList<>()).append("corrections", new ArrayList<>());
            changed.put(e.meetingId().value(), stamp(d, m));
            return changed;
        }
        String id = m.aggregateId();
        Document d = copy(views.get(id));
        if (d == null || ((Number) d.get("version")).longValue() >= m.sequence()) {
            return changed;
        }
        if (event instanceof MeetingRescheduledEvent e) {
            d.append("startsAt", e.startsAt().toString()).append("place", e.place() == null ? d.get("place") : e.place());
        } else if (event instanceof MeetingCancelledEvent e) {
            d.append("status", "CANCELLED").append("cancelReason", e.reason());
        } else if (event instanceof AgendaItemAddedEvent e) {
            list(d, "agenda").add(item(e.itemId().value(), e.title(), e.presenter() == null ? null : e.presenter().value(),
                    e.issues().stream().map(Object::toString).toList()));
        } else if (event instanceof AgendaItemCarriedOverEvent e) {
            list(d, "agenda").add(item(e.itemId().value(), e.title(), e.presenter() == null ? null : e.presenter().value(),
                    e.issues().stream().map(Object::toString).toList()).append("carriedFrom", e.fromMeetingId().value())
                    .append("carriedFromItem", e.fromItemId().value()));
        } else if (event instanceof AgendaItemRemovedEvent e) {
            list(d, "agenda").removeIf(o -> e.itemId().value().equals(cast(o).get("itemId")));
        } else if (event instanceof AgendaReorderedEvent e) {
            List<Object> agenda = list(d, "agenda");
            List<String> order = e.order().stream().map(AgendaItemId::value).toList();
            agenda.sort(java.util.Comparator.comparingInt(o -> order.indexOf(String.valueOf(cast(o).get("itemId")))));
        } else if (event instanceof OpenMeasureCarriedOverEvent e) {
            list(d, "carriedMeasures").add(new Document("measureId", e.measureId().value()).append("fromMeetingId", e.fromMeetingId().value()));
        } else if (event instanceof MeetingConvenedEvent e) {
            d.append("status", "CONVENED").append("convenedAt", e.convenedAt().toString())
                    .append("attendance", e.attendance().stream().map(Views::toMap).toList())
                    .append("present", e.present()).append("memberCount", e.members()).append("quorumRequired", e.required());
        } else if (event instanceof ItemDiscussedEvent e) {
            for (Object o : list(d, "agenda")) {
                Map<String, Object> item = cast(o);
                if (e.itemId().value().equals(item.get("itemId"))) {
                    item.put("discussion", e.summary());
                    item.put("concluded", e.concluded() || Boolean.TRUE.equals(item.get("concluded")));
                }
            }
        } else if (event instanceof ResolutionAdoptedEvent e) {
            list(d, "resolutions").add(new Document("resolutionId", e.resolutionId().value()).append("itemId", e.itemId() == null ? null : e.itemId().value())
                    .append("number", e.number()).append("text", e.text()).append("votes", e.votes() == null ? null : Views.toMap(e.votes())));
        } else if (event instanceof MinutesRecordedEvent e) {
            d.append("minutes", e.text()).append("minutesBy", e.recordedBy());
        } else if (event instanceof MeetingClosedEvent e) {
            d.append("status", "CLOSED").append("closedAt", e.closedAt().toString());
        } else if (event instanceof MeetingCorrectedEvent e) {
            list(d, "corrections").add(new Document("what", e.what()).append("correction", e.correction()).append("reason", e.reason())
                    .append("recordedAt", m.recordedAt().toString()).append("by", m.actor()));
        } else if (event instanceof LedgerCheckpointRecordedEvent e) {
            d.append("checkpoint", new Document("position", e.position()).append("digest", e.digest()));
        } else if (MinutesApprovalFold.folds(event)) {
            d.put("minutesApproval", MinutesApprovalFold.apply((Map<String, Object>) d.get("minutesApproval"), event, m));
        } else {
            return changed;
        }
        changed.put(id, stamp(d, m));
        return changed;
    }

    private static Document item(String id, String title, String presenter, List<String> issues) {
        return new Document("itemId", id).append("title", title).append("presenter", presenter).append("issues", issues).append("concluded", false);
    }

    private static Document stamp(Document d, EventMeta m) {
        return d.append("version", m.sequence()).append("lastRecordedAt", m.recordedAt().toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Document d, String key) {
        Object v = d.get(key);
        List<Object> l = v instanceof List<?> ? new ArrayList<>((List<Object>) v) : new ArrayList<>();
        d.put(key, l);
        return l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    /** Deep enough copy: lists of items are copied with their maps, so the stored original is never mutated. */
    private static Document copy(Document d) {
        if (d == null) {
            return null;
        }
        Document c = new Document();
        d.forEach((k, v) -> {
            if (v instanceof List<?> l) {
                List<Object> out = new ArrayList<>();
                for (Object o : l) {
                    out.add(o instanceof Map<?, ?> map ? new Document(new LinkedHashMap<>(cast(map))) : o);
                }
                c.put(k, out);
            } else {
                c.put(k, v);
            }
        });
        return c;
    }
}
