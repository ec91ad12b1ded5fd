package cz.souhra.infra.audit;

import cz.souhra.query.audit.*;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The auditor's endpoints: verification of the ledger against the event store, the audit log in ledger
 * order, and a streamed export that can be verified offline. Read-only; access is restricted to auditors
 * and administrators by the security configuration.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private static final int MAX_PAGE = 500;

    private final Ledger ledger;
    private final LedgerVerifier verifier;
    private final ObjectMapper json = new ObjectMapper();

    AuditController(Ledger ledger, LedgerVerifier verifier) {
        this.ledger = ledger;
        this.verifier = verifier;
    }

    @GetMapping(value = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<VerificationReport> verify() {
        return Mono.fromCallable(() -> verifier.verify((done, total) -> { })).subscribeOn(Schedulers.boundedElastic());
    }

    /** The same verification with progress for long runs: events "progress" (done, total, rate/s) then "result". */
    @GetMapping(value = "/verify", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> verifyWithProgress() {
        Sinks.Many<ServerSentEvent<Object>> sink = Sinks.many().unicast().onBackpressureBuffer();
        long started = System.nanoTime();
        Mono.fromRunnable(() -> {
            VerificationReport report = verifier.verify((done, total) -> {
                double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
                sink.tryEmitNext(ServerSentEvent.builder((Object) Map.of("done", done, "total", total, "ratePerSecond", Math.round(done / seconds)))
                        .event("progress").build());
            });
            sink.tryEmitNext(ServerSentEvent.builder((Object) report).event("result").build());
            sink.tryEmitComplete();
        }).subscribeOn(Schedulers.boundedElastic()).doOnError(sink::tryEmitError).subscribe();
        return sink.asFlux();
    }

    public record AuditEvent(String region, long position, String aggregateType, String aggregateId, long sequence,
                             String eventId, String eventType, Instant recordedAt, String effectiveAt, String actor,
                             String institution, String chain) {}

    public record Page<T>(List<T> items, long total, int page, int size) {}

    @GetMapping("/events")
    Mono<Page<AuditEvent>> events(@RequestParam(required = false) String region,
                                  @RequestParam(required = false) Instant from,
                                  @RequestParam(required = false) Instant to,
                                  @RequestParam(required = false) String aggregate,
                                  @RequestParam(required = false) String actor,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "100") int size) {
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE));
        int pageNo = Math.max(0, page);
        return Mono.fromCallable(() -> {
            List<AuditEvent> all = entries(region)
                    .filter(e -> from == null || !Instant.parse(e.timestamp()).isBefore(from))
                    .filter(e -> to == null || Instant.parse(e.timestamp()).isBefore(to))
                    .filter(e -> aggregate == null || aggregate.equals(e.aggregateId()))
                    .filter(e -> actor == null || actor.equals(e.actor()))
                    .map(e -> new AuditEvent(e.region(), e.position(), e.aggregateType(), e.aggregateId(), e.sequence(),
                            e.eventId(), simpleName(e.payloadType()), Instant.parse(e.timestamp()), e.effectiveAt(),
                            e.actor(), e.institution(), e.chain()))
                    .toList();
            int fromIndex = Math.min(all.size(), pageNo * pageSize);
            return new Page<>(all.subList(fromIndex, Math.min(all.size(), fromIndex + pageSize)), all.size(), pageNo, pageSize);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Stream<LedgerEntry> entries(String region) {
        List<String> regions = region == null ? ledger.regions() : List.of(region);
        return regions.stream().flatMap(r -> ledger.entries(r).stream())
                .sorted(Comparator.comparing(LedgerEntry::region).thenComparingLong(LedgerEntry::position));
    }

    private static String simpleName(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** Streams one JSON line per chained event, in chain order. */
    @GetMapping(value = "/export.jsonl", produces = "application/x-ndjson")
    Flux<String> export(@RequestParam(required = false) String region) {
        return Flux.defer(() -> Flux.fromStream(ledger.export(region)))
                .map(line -> {
                    try {
                        return json.writeValueAsString(line) + "\n";
                    } catch (JsonProcessingException ex) {
                        throw new IllegalStateException(ex);
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
