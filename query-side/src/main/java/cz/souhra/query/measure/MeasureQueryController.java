package cz.souhra.query.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.query.common.OffLoop;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.Access;
import cz.souhra.query.common.TimeAxes;
import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.queries.Bitemporal;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.LineageView;
import cz.souhra.shared.queries.MeasurePage;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Reading measures: register, one measure (now or as of an instant), its history and lineage, live updates. */
@RestController
@RequestMapping("/api/measures")
class MeasureQueryController {

    private final QueryGateway queries;
    private final Access access;
    private final java.time.Clock clock;

    MeasureQueryController(QueryGateway queries, Access access, java.time.Clock clock) {
        this.queries = queries;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping
    Mono<MeasurePage> list(@RequestParam(required = false) String owner, @RequestParam(required = false) String status,
                           @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String body,
                           @RequestParam(required = false) String region, @RequestParam(required = false) Instant asOf,
                           @RequestParam(required = false) Instant knownAt, @RequestParam(required = false) Instant validAt,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                           @RequestParam(required = false) String sort, @RequestParam(required = false) String q, Actor actor) {
        Bitemporal at = TimeAxes.of(asOf, knownAt, validAt);
        if (q != null && (q.length() > 200 || q.chars().anyMatch(Character::isISOControl))) {
            throw QueryRefusal.invalid("q");
        }
        return Mono.fromCallable(() -> access.viewer(actor)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(viewer -> {
                    var filter = new MeasureQueries.ListMeasures(viewer, owner, status, overdue, body, region, asOf, page, size, sort, q);
                    return OffLoop.ask(() -> at == null ? queries.query(filter, MeasurePage.class)
                            : queries.query(new MeasureQueries.ListMeasuresBitemporal(filter, at), MeasurePage.class));
                });
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<MeasureView>> one(@PathVariable String id, @RequestParam(required = false) Instant asOf,
                                          @RequestParam(required = false) Instant knownAt, @RequestParam(required = false) Instant validAt, Actor actor) {
        MeasureId.of(id);
        Bitemporal at = TimeAxes.of(asOf, knownAt, validAt);
        return OffLoop.ask(() -> at == null ? queries.query(new MeasureQueries.FindMeasure(id, asOf), MeasureView.class)
                        : queries.query(new MeasureQueries.FindMeasureBitemporal(id, at), MeasureView.class))
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(v -> access.requireMeasure(actor, v.owner(), v.bodyId()))
                .map(v -> ResponseEntity.ok().eTag("\"" + v.version() + "\"").body(v));
    }

    @GetMapping("/{id}/history")
    Mono<List<HistoryEntry>> history(@PathVariable String id, Actor actor) {
        return one(id, null, null, null, actor).then(OffLoop.ask(() -> queries.query(new MeasureQueries.MeasureHistory(id),
                ResponseTypes.multipleInstancesOf(HistoryEntry.class))));
    }

    @GetMapping("/{id}/lineage")
    Mono<LineageView> lineage(@PathVariable String id, Actor actor) {
        return one(id, null, null, null, actor).then(OffLoop.ask(() -> queries.query(new MeasureQueries.MeasureLineage(id), LineageView.class)));
    }

    /** The measure now, then after every change, until the client goes away (the subscription is then closed). */
    @GetMapping(value = "/{id}/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<MeasureView>> updates(@PathVariable String id, Actor actor) {
        return one(id, null, null, null, actor).flatMapMany(first -> {
            SubscriptionQueryResult<MeasureView, MeasureView> result = queries.subscriptionQuery(new MeasureQueries.MeasureUpdates(id),
                    ResponseTypes.instanceOf(MeasureView.class), ResponseTypes.instanceOf(MeasureView.class));
            // the projection emits what the events say; overdue is derived for today as in every answer
            return result.initialResult().concatWith(result.updates().map(v -> Overdue.on(v, Overdue.today(clock))))
                    .map(v -> ServerSentEvent.builder(v).id(String.valueOf(v.version())).event("measure").build())
                    .mergeWith(Flux.interval(Duration.ofSeconds(20)).map(t -> ServerSentEvent.<MeasureView>builder().comment("keep-alive").build()))
                    .doFinally(s -> result.close());
        });
    }
}
