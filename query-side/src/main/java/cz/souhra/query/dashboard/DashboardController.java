package cz.souhra.query.dashboard;

import java.time.Duration;
import java.time.Instant;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.query.common.OffLoop;
import cz.souhra.query.common.Access;
import cz.souhra.shared.Actor;
import cz.souhra.shared.queries.DashboardQueries;
import cz.souhra.shared.queries.DashboardView;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.Viewer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The viewer's dashboard, now or as of an instant, and live. */
@RestController
class DashboardController {

    private final QueryGateway queries;
    private final Access access;

    DashboardController(QueryGateway queries, Access access) {
        this.queries = queries;
        this.access = access;
    }

    @GetMapping("/api/dashboard")
    Mono<DashboardView> dashboard(@RequestParam(required = false) Instant asOf, Actor actor) {
        return Mono.fromCallable(() -> access.viewer(actor)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(v -> OffLoop.ask(() -> queries.query(new DashboardQueries.Dashboard(v, asOf), DashboardView.class)));
    }

    /**
     * The dashboard now, then recomputed after measure changes: a burst of changes (a meeting adopting
     * ten measures) yields one recomputation per second at most. The Axon subscription is closed when the
     * client goes away.
     */
    @GetMapping(value = "/api/dashboard/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<DashboardView>> updates(Actor actor) {
        return Mono.fromCallable(() -> access.viewer(actor)).subscribeOn(Schedulers.boundedElastic()).flatMapMany(viewer -> {
            SubscriptionQueryResult<DashboardView, MeasureView> result = queries.subscriptionQuery(
                    new DashboardQueries.DashboardUpdates(viewer.institution()), ResponseTypes.instanceOf(DashboardView.class),
                    ResponseTypes.instanceOf(MeasureView.class));
            Flux<DashboardView> changes = result.updates().filter(m -> viewer.seesMeasure(m.owner(), m.bodyId()))
                    .sample(Duration.ofSeconds(1))
                    .concatMap(m -> OffLoop.ask(() -> queries.query(new DashboardQueries.Dashboard(viewer, null), DashboardView.class)));
            return OffLoop.ask(() -> queries.query(new DashboardQueries.Dashboard(viewer, null), DashboardView.class)).flux()
                    .concatWith(changes)
                    .map(d -> ServerSentEvent.builder(d).event("dashboard").build())
                    .mergeWith(Flux.interval(Duration.ofSeconds(20)).map(t -> ServerSentEvent.<DashboardView>builder().comment("keep-alive").build()))
                    .doFinally(s -> result.close());
        });
    }
}
