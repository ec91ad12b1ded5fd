package cz.souhra.query.meeting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.query.common.OffLoop;
import cz.souhra.query.common.Access;
import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.HistoryQueries;
import cz.souhra.shared.queries.CarryOverProposal;
import cz.souhra.shared.queries.MeetingPage;
import cz.souhra.shared.queries.MeetingQueries;
import cz.souhra.shared.queries.MeetingView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The meeting view (now or as of an instant), its history, a body's meetings, and the live meeting workspace. */
@RestController
class MeetingQueryController {

    private final QueryGateway queries;
    private final Access access;

    MeetingQueryController(QueryGateway queries, Access access) {
        this.queries = queries;
        this.access = access;
    }

    @GetMapping("/api/meetings/{id}")
    Mono<MeetingView> meeting(@PathVariable String id, @RequestParam(required = false) Instant asOf, Actor actor) {
        MeetingId.of(id);
        return OffLoop.ask(() -> queries.query(new MeetingQueries.FindMeeting(id, asOf), MeetingView.class))
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(m -> access.requireBody(actor, m.bodyId()));
    }

    @GetMapping("/api/meetings/{id}/history")
    Mono<List<HistoryEntry>> history(@PathVariable String id, Actor actor) {
        return meeting(id, null, actor).then(OffLoop.ask(() -> queries.query(new HistoryQueries.SubjectHistory(id),
                ResponseTypes.multipleInstancesOf(HistoryEntry.class))));
    }

    /** What this meeting would carry over from the body's previous meeting, for the secretary to confirm. */
    @GetMapping("/api/meetings/{id}/carry-over-proposal")
    Mono<CarryOverProposal> carryOverProposal(@PathVariable String id, Actor actor) {
        return meeting(id, null, actor).then(OffLoop.ask(() -> queries.query(new MeetingQueries.ProposeCarryOver(id), CarryOverProposal.class)));
    }

    @GetMapping("/api/bodies/{id}/meetings")
    Mono<MeetingPage> ofBody(@PathVariable String id, @RequestParam(required = false) Instant asOf, @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String sort, Actor actor) {
        BodyId.of(id);
        return Mono.fromRunnable(() -> access.requireBody(actor, id)).subscribeOn(Schedulers.boundedElastic())
                .then(OffLoop.ask(() -> queries.query(new MeetingQueries.MeetingsOfBody(id, asOf, page, size, sort), MeetingPage.class)));
    }

    /** The meeting now, then after every change, until the client goes away (the subscription is then closed). */
    @GetMapping(value = "/api/meetings/{id}/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<MeetingView>> updates(@PathVariable String id, Actor actor) {
        return meeting(id, null, actor).flatMapMany(first -> {
            SubscriptionQueryResult<MeetingView, MeetingView> result = queries.subscriptionQuery(new MeetingQueries.MeetingUpdates(id),
                    ResponseTypes.instanceOf(MeetingView.class), ResponseTypes.instanceOf(MeetingView.class));
            return result.initialResult().concatWith(result.updates())
                    .map(v -> ServerSentEvent.builder(v).id(String.valueOf(v.version())).event("meeting").build())
                    .mergeWith(Flux.interval(Duration.ofSeconds(20)).map(t -> ServerSentEvent.<MeetingView>builder().comment("keep-alive").build()))
                    .doFinally(s -> result.close());
        });
    }
}
