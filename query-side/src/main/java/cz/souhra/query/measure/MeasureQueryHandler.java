package cz.souhra.query.measure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.Views;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.LineageView;
import cz.souhra.shared.queries.MeasurePage;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.Page;

/**
 * Answers the measure queries. Now = the read model; as of an instant = the events recorded up to then,
 * folded by the same {@link MeasureFold} the projection uses.
 */
@Component
public class MeasureQueryHandler {

    private final MongoTemplate mongo;
    private final EventStore events;

    public MeasureQueryHandler(MongoTemplate mongo, EventStore events) {
        this.mongo = mongo;
        this.events = events;
    }

    @QueryHandler
    public MeasureView find(MeasureQueries.FindMeasure q) {
        MeasureView v = q.asOf() == null
                ? Views.fromDocument(mongo.getCollection(MeasureProjection.STATUS).find(Filters.eq("_id", q.measureId())).first(), MeasureView.class)
                : replayOne(q.measureId(), q.asOf());
        if (v == null) {
            throw QueryRefusal.notFound(q.measureId());
        }
        return v;
    }

    public MeasureView replayOne(String measureId, Instant asOf) {
        MeasureView v = null;
        for (DomainEventMessage<?> e : events.readEvents(measureId).asStream().toList()) {
            if (!e.getTimestamp().isAfter(asOf)) {
                v = MeasureFold.apply(v, e.getPayload(), EventMeta.of(e));
            }
        }
        return v;
    }

    /** Every measure as it stood at {@code asOf}: one pass over the events recorded up to then. */
    public List<MeasureView> replayAll(Instant asOf) {
        Map<String, MeasureView> out = new HashMap<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> e = stream.nextAvailable();
                if (e.getTimestamp().isAfter(asOf) || !(e instanceof DomainEventMessage<?> d) || !MeasureFold.handles(e.getPayload())) {
                    continue;
                }
                EventMeta m = EventMeta.of(d);
                MeasureView next = MeasureFold.apply(out.get(m.aggregateId()), e.getPayload(), m);
                if (next != null) {
                    out.put(m.aggregateId(), next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        }
        return new ArrayList<>(out.values());
    }

    @QueryHandler
    public MeasureView subscribe(MeasureQueries.MeasureUpdates q) {
        return find(new MeasureQueries.FindMeasure(q.measureId(), null));
    }

    @QueryHandler
    public List<HistoryEntry> history(MeasureQueries.MeasureHistory q) {
        List<HistoryEntry> out = new ArrayList<>();
        mongo.getCollection(MeasureProjection.HISTORY).find(Filters.eq("aggregateId", q.measureId()))
                .forEach(d -> out.add(Views.fromDocument(d, HistoryEntry.class)));
        out.sort(Comparator.comparingLong(HistoryEntry::sequence));
        return out;
    }

    @QueryHandler
    public MeasurePage list(MeasureQueries.ListMeasures q) {
        List<MeasureView> all;
        if (q.asOf() == null) {
            all = new ArrayList<>();
            mongo.getCollection(MeasureProjection.STATUS).find().forEach(d -> all.add(Views.fromDocument(d, MeasureView.class)));
        } else {
            all = replayAll(q.asOf());
        }
        Page<MeasureView> page = Views.page(all, v -> (q.owner() == null || q.owner().equals(v.owner()))
                        && (q.status() == null || q.status().equalsIgnoreCase(v.status()))
                        && (q.overdue() == null || q.overdue() == v.overdue())
                        && (q.bodyId() == null || q.bodyId().equals(v.bodyId()))
                        && (q.region() == null || q.region().equals(v.region())),
                order(q.sort()), q.page(), q.size());
        return new MeasurePage(page.items(), page.total(), page.page(), page.size());
    }

    static Comparator<MeasureView> order(String sort) {
        String s = sort == null || sort.isBlank() ? "dueDate,asc" : sort;
        String[] parts = s.split(",");
        Comparator<MeasureView> c = switch (parts[0]) {
            case "dueDate" -> Comparator.comparing(MeasureView::dueDate, Comparator.nullsLast(Comparator.naturalOrder()));
            case "title" -> Comparator.comparing(MeasureView::title, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));
            case "owner" -> Comparator.comparing(MeasureView::owner, Comparator.nullsLast(Comparator.naturalOrder()));
            case "status" -> Comparator.comparing(MeasureView::status, Comparator.nullsLast(Comparator.naturalOrder()));
            case "percent" -> Comparator.comparingInt(MeasureView::percent);
            case "adoptedAt" -> Comparator.comparing(MeasureView::adoptedAt, Comparator.nullsLast(Comparator.naturalOrder()));
            default -> throw QueryRefusal.invalid("sort=" + parts[0]);
        };
        c = c.thenComparing(MeasureView::measureId);
        return parts.length > 1 && parts[1].equalsIgnoreCase("desc") ? c.reversed() : c;
    }

    @QueryHandler
    public LineageView lineage(MeasureQueries.MeasureLineage q) {
        MeasureView measure = find(new MeasureQueries.FindMeasure(q.measureId(), null));
        List<Map<String, Object>> issues = new ArrayList<>();
        for (String issueId : measure.addresses()) {
            Document issue = mongo.getCollection("issue_register").find(Filters.eq("_id", issueId)).first();
            if (issue != null) {
                issues.add(issue);
            }
        }
        Document meeting = mongo.getCollection("meeting_view").find(Filters.eq("_id", measure.meetingId())).first();
        Map<String, Object> adoption = new java.util.LinkedHashMap<>();
        adoption.put("meetingId", measure.meetingId());
        if (meeting != null) {
            adoption.put("bodyId", meeting.get("bodyId"));
            adoption.put("startsAt", meeting.get("startsAt"));
            adoption.put("place", meeting.get("place"));
            Object resolutions = meeting.get("resolutions");
            if (resolutions instanceof List<?> list) {
                list.stream().filter(r -> r instanceof Map<?, ?> m && measure.resolutionId().equals(m.get("resolutionId")))
                        .findFirst().ifPresent(r -> {
                            adoption.put("resolution", r);
                            Object item = ((Map<?, ?>) r).get("itemId");
                            if (item != null && meeting.get("agenda") instanceof List<?> agenda) {
                                agenda.stream().filter(a -> a instanceof Map<?, ?> am && item.equals(am.get("itemId"))).findFirst()
                                        .ifPresent(a -> adoption.put("agendaItem", a));
                            }
                        });
            }
        }
        return new LineageView(issues, adoption, measure, history(new MeasureQueries.MeasureHistory(q.measureId())));
    }
}
