package cz.souhra.query.issue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mongodb.client.model.Filters;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.Views;
import cz.souhra.shared.Actor;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.queries.Page;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The issue register: filters by category, status, region, locality, institution and text; as of an instant. */
@RestController
class IssueQueryController {

    private final MongoTemplate mongo;
    private final EventStore events;

    IssueQueryController(MongoTemplate mongo, EventStore events) {
        this.mongo = mongo;
        this.events = events;
    }

    @GetMapping("/api/issues")
    Mono<Page<Map<String, Object>>> register(@RequestParam(required = false) String category, @RequestParam(required = false) String status,
                                             @RequestParam(required = false) String region, @RequestParam(required = false) String locality,
                                             @RequestParam(required = false) String institution, @RequestParam(required = false) String q,
                                             @RequestParam(required = false) Instant asOf, @RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String sort, Actor actor) {
        return Mono.fromCallable(() -> {
            List<Map<String, Object>> all = new ArrayList<>(asOf == null ? current() : replay(asOf).values());
            String text = q == null ? null : q.toLowerCase(Locale.ROOT);
            return Views.page(all, d -> eq(category, d.get("category")) && eq(status, d.get("status")) && eq(region, d.get("region"))
                            && eq(institution, d.get("raisedBy"))
                            && (locality == null || String.valueOf(d.get("locality")).toLowerCase(Locale.ROOT).contains(locality.toLowerCase(Locale.ROOT)))
                            && (text == null || (d.get("title") + " " + d.get("description")).toLowerCase(Locale.ROOT).contains(text)),
                    order(sort), page, size);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/issues/{id}")
    Mono<Map<String, Object>> one(@PathVariable String id, @RequestParam(required = false) Instant asOf, Actor actor) {
        IssueId.of(id);
        return Mono.fromCallable(() -> {
            Map<String, Object> d = asOf == null ? mongo.getCollection(IssueProjection.COLLECTION).find(Filters.eq("_id", id)).first() : replay(asOf).get(id);
            if (d == null) {
                throw QueryRefusal.notFound(id);
            }
            return d;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static boolean eq(String filter, Object value) {
        return filter == null || filter.equalsIgnoreCase(String.valueOf(value));
    }

    private static Comparator<Map<String, Object>> order(String sort) {
        String s = sort == null || sort.isBlank() ? "observedOn,desc" : sort;
        String[] parts = s.split(",");
        if (!List.of("observedOn", "title", "category", "status", "locality", "raisedBy").contains(parts[0])) {
            throw QueryRefusal.invalid("sort=" + parts[0]);
        }
        Comparator<Map<String, Object>> c = Comparator.comparing(d -> String.valueOf(d.get(parts[0])));
        c = c.thenComparing(d -> String.valueOf(d.get("_id")));
        return parts.length > 1 && parts[1].equalsIgnoreCase("desc") ? c.reversed() : c;
    }

    private List<Map<String, Object>> current() {
        List<Map<String, Object>> out = new ArrayList<>();
        mongo.getCollection(IssueProjection.COLLECTION).find().forEach(out::add);
        return out;
    }

    private Map<String, Document> replay(Instant asOf) {
        Map<String, Document> views = new HashMap<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> e = stream.nextAvailable();
                if (e.getTimestamp().isAfter(asOf) || !(e instanceof DomainEventMessage<?> d)) {
                    continue;
                }
                EventMeta m = EventMeta.of(d);
                if (e.getPayload() instanceof MeasureAdoptedEvent adopted) {
                    adopted.addresses().forEach(i -> {
                        Document next = IssueFold.apply(views.get(i.value()), adopted, m);
                        if (next != null) {
                            views.put(i.value(), next);
                        }
                    });
                } else {
                    Document next = IssueFold.apply(views.get(m.aggregateId()), e.getPayload(), m);
                    if (next != null) {
                        views.put(m.aggregateId(), next);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return views;
    }
}
