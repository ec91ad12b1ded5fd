package cz.souhra.query.rebuild;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.query.common.QueryRefusal;
import cz.souhra.shared.Actor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Rebuild and determinism check over HTTP, with progress as server-sent events ({@code progress} events,
 * then one {@code report}). A client that goes away does not stop a run: a half-made shadow generation is
 * never switched to, and the next run starts it afresh.
 */
@RestController
class RebuildController {

    private final RebuildService rebuild;
    private final ReadModelDigest digest;

    RebuildController(RebuildService rebuild, ReadModelDigest digest) {
        this.rebuild = rebuild;
        this.digest = digest;
    }

    @PostMapping(value = "/api/admin/rebuild", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> rebuild(@RequestParam(defaultValue = "all") String projection, Actor actor) {
        requireRole(actor, false);
        rebuild.select(projection);
        return run(sink -> rebuild.rebuild(projection, p -> sink.next(progress(p))));
    }

    /** Rebuild into a shadow, compare with the live read models, drop the shadow (admin or auditor). */
    @PostMapping(value = "/api/admin/read-models/verify", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> verify(@RequestParam(defaultValue = "all") String projection, Actor actor) {
        requireRole(actor, true);
        rebuild.select(projection);
        return run(sink -> rebuild.verify(projection, p -> sink.next(progress(p))));
    }

    @GetMapping("/api/admin/read-models/digest")
    Mono<ReadModelDigest.Digest> digest(Actor actor) {
        requireRole(actor, true);
        return Mono.fromCallable(digest::live).subscribeOn(Schedulers.boundedElastic());
    }

    private static Flux<ServerSentEvent<Object>> run(java.util.function.Function<FluxSink<ServerSentEvent<Object>>, RebuildService.Report> job) {
        return Flux.<ServerSentEvent<Object>>create(sink -> {
            RebuildService.Report report = job.apply(sink);
            sink.next(ServerSentEvent.<Object>builder(report).event("report").build());
            sink.complete();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static ServerSentEvent<Object> progress(RebuildService.Progress p) {
        return ServerSentEvent.<Object>builder(p).event("progress").build();
    }

    private static void requireRole(Actor actor, boolean auditorToo) {
        if (!(actor.has(Actor.Role.ADMIN) || (auditorToo && actor.has(Actor.Role.AUDITOR)))) {
            throw QueryRefusal.forbidden();
        }
    }
}
