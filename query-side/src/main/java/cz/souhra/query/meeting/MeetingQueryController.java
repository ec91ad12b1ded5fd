package cz.souhra.query.meeting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mongodb.client.model.Filters;

import cz.souhra.query.common.Access;
import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.MeetingId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The meeting view (now or as of an instant), a body's meetings, and the live meeting workspace. */
@RestController
class MeetingQueryController {

    private final MongoTemplate mongo;
    private final EventStore events;
    private final Access access;
    private final QueryGateway queries;

    MeetingQueryController(MongoTemplate mongo, EventStore events, Access access, QueryGateway queries) {
        this.mongo = mongo;
        this.events = events;
        this.access = access;
        this.queries = queries;
    }

    @GetMapping("/api/meetings/{id}")
    Mono<Map<String, Object>> meeting(@PathVariable String id, @RequestParam(required = false) Instant asOf, Actor actor) {
        MeetingId.of(id);
        return Mono.fromCallable(() -> {
            Document d = asOf == null ? mongo.getCollection(MeetingProjection.COLLECTION).find(Filters.eq("_id", id)).first() : replay(asOf).get(id);
            if (d == null) {
                throw QueryRefusal.notFound(id);
            }
            if (!access.seesBody(actor, d.getString("bodyId"))) {
                throw QueryRefusal.forbidden();
            }
            return (Map<String, Object>) d;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/bodies/{id}/meetings")
    Mono<List<Map<String, Object>>> ofBody(@PathVariable String id, Actor actor) {
        BodyId.of(id);
        return Mono.fromCallable(() -> {
            if (!access.seesBody(actor, id)) {
                throw QueryRefusal.forbidden();
            }
            List<Map<String, Object>> out = new ArrayList<>();
            mongo.getCollection(MeetingProjection.COLLECTION).find(Filters.eq("bodyId", id)).forEach(out::add);
            out.sort((a, b) -> String.valueOf(a.get("startsAt")).compareTo(String.valueOf(b.get("startsAt"))));
            return out;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(value = "/api/meetings/{id}/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> updates(@PathVariable String id, Actor actor) {
        return meeting(id, null, actor).flatMapMany(first -> {
            SubscriptionQueryResult<Document, Document> result = queries.subscriptionQuery(new MeetingProjection.MeetingUpdates(id),
                    ResponseTypes.instanceOf(Document.class), ResponseTypes.instanceOf(Document.class));
            return result.initialResult().concatWith(result.updates())
                    .map(v -> ServerSentEvent.<Object>builder(v).event("meeting").build())
                    .mergeWith(Flux.interval(Duration.ofSeconds(20)).map(t -> ServerSentEvent.builder().comment("keep-alive").build()))
                    .doFinally(s -> result.close());
        });
    }

    /** Every meeting view as it stood at {@code asOf}, folded from the events recorded up to then. */
    Map<String, Document> replay(Instant asOf) {
        Map<String, Document> views = new HashMap<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> e = stream.nextAvailable();
                if (!e.getTimestamp().isAfter(asOf) && e instanceof DomainEventMessage<?> d) {
                    views.putAll(MeetingFold.apply(views::get, e.getPayload(), EventMeta.of(d)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return views;
    }

    @Component
    static class Subscriptions {
        private final MongoTemplate mongo;

        Subscriptions(MongoTemplate mongo) {
            this.mongo = mongo;
        }

        @QueryHandler
        Document initial(MeetingProjection.MeetingUpdates q) {
            return mongo.getCollection(MeetingProjection.COLLECTION).find(Filters.eq("_id", q.meetingId())).first();
        }
    }
}
