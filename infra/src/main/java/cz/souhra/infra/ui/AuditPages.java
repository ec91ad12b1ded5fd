package cz.souhra.infra.ui;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cz.souhra.infra.audit.Ledger;
import cz.souhra.infra.audit.LedgerEntry;
import cz.souhra.infra.audit.LedgerVerifier;
import cz.souhra.infra.audit.VerificationReport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** The auditor's pages: the audit log with filters, ledger verification with progress, the export; auditors and admins only. */
@Controller
class AuditPages extends Pages {

    private static final int PAGE = 100;

    private final Ledger ledger;
    private final LedgerVerifier verifier;
    private final ObjectMapper json = new ObjectMapper();

    AuditPages(Ui ui, MessageSource messages, Ledger ledger, LedgerVerifier verifier) {
        super(ui, messages);
        this.ledger = ledger;
        this.verifier = verifier;
    }

    @GetMapping("/audit")
    Mono<Rendering> log(@RequestParam(required = false) String region, @RequestParam(required = false) String aggregate,
                        @RequestParam(required = false) String actor, @RequestParam(required = false) String type,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestParam(defaultValue = "0") int page) {
        return blocking(() -> {
            Instant fromI = from == null || from.isBlank() ? null : java.time.LocalDate.parse(from).atStartOfDay(Formats.ZONE).toInstant();
            Instant toI = asOf(to);
            List<LedgerEntry> all = (region == null || region.isBlank() ? ledger.regions() : List.of(region)).stream()
                    .flatMap(r -> ledger.entries(r).stream())
                    .filter(e -> fromI == null || !Instant.parse(e.timestamp()).isBefore(fromI))
                    .filter(e -> toI == null || !Instant.parse(e.timestamp()).isAfter(toI))
                    .filter(e -> blank(aggregate) || aggregate.trim().equals(e.aggregateId()))
                    .filter(e -> blank(actor) || actor.trim().equals(e.actor()))
                    .filter(e -> blank(type) || simpleName(e.payloadType()).toLowerCase().contains(type.trim().toLowerCase()))
                    .sorted(Comparator.comparing(LedgerEntry::timestamp).reversed().thenComparing(LedgerEntry::region)
                            .thenComparing(Comparator.comparingLong(LedgerEntry::position).reversed()))
                    .toList();
            int p = Math.max(0, page);
            List<LedgerEntry> shown = all.subList(Math.min(all.size(), p * PAGE), Math.min(all.size(), (p + 1) * PAGE));
            return Rendering.view("audit").modelAttribute("entries", shown.stream().map(e -> Map.of("e", e, "type", simpleName(e.payloadType()))).toList())
                    .modelAttribute("total", all.size()).modelAttribute("page", p).modelAttribute("pages", (all.size() + PAGE - 1) / PAGE)
                    .modelAttribute("regions", ledger.regions())
                    .modelAttribute("filter", Map.of("region", nz(region), "aggregate", nz(aggregate), "actor", nz(actor), "type", nz(type),
                            "from", nz(from), "to", nz(to)))
                    .build();
        });
    }

    @GetMapping("/audit/verify")
    Mono<Rendering> verifyPage() {
        return Mono.just(Rendering.view("verify").build());
    }

    /** Verification with progress: "progress" events (done/total) then "result" with the report's verdict as a rendered fragment. */
    @GetMapping(value = "/audit/verify/run", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<Object>> verify() {
        Sinks.Many<ServerSentEvent<Object>> sink = Sinks.many().unicast().onBackpressureBuffer();
        Mono.fromRunnable(() -> {
            VerificationReport report = verifier.verify((done, total) -> sink.tryEmitNext(
                    ServerSentEvent.builder((Object) Map.of("done", done, "total", total)).event("progress").build()));
            sink.tryEmitNext(ServerSentEvent.builder((Object) report).event("result").build());
            sink.tryEmitComplete();
        }).subscribeOn(Schedulers.boundedElastic()).doOnError(sink::tryEmitError).subscribe();
        return sink.asFlux();
    }

    @GetMapping(value = "/audit/export.jsonl")
    ResponseEntity<Flux<String>> export(@RequestParam(required = false) String region) {
        Flux<String> lines = Flux.defer(() -> Flux.fromStream(ledger.export(blank(region) ? null : region))).map(line -> {
            try {
                return json.writeValueAsString(line) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"souhra-audit.jsonl\"")
                .contentType(MediaType.parseMediaType("application/x-ndjson")).body(lines);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String simpleName(String type) {
        String name = type == null ? "" : type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
        // the same names as the history's entries, which drop the suffix
        return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
    }
}
