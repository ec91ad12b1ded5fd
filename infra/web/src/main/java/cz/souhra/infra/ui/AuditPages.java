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

import cz.souhra.query.audit.Ledger;
import cz.souhra.query.audit.LedgerEntry;
import cz.souhra.query.audit.LedgerVerifier;
import cz.souhra.query.audit.VerificationReport;
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
                        @RequestParam(defaultValue = "0") int page, org.springframework.web.server.ServerWebExchange exchange) {
        java.util.Locale locale = UiAdvice.locale(exchange);
        return blocking(() -> {
            Instant fromI = from == null || from.isBlank() ? null : java.time.LocalDate.parse(from).atStartOfDay(Formats.ZONE).toInstant();
            Instant toI = asOf(to);
            List<LedgerEntry> all = (region == null || region.isBlank() ? ledger.regions() : List.of(region)).stream()
                    .flatMap(r -> ledger.entries(r).stream())
                    .filter(e -> fromI == null || !Instant.parse(e.timestamp()).isBefore(fromI))
                    .filter(e -> toI == null || !Instant.parse(e.timestamp()).isAfter(toI))
                    .filter(e -> blank(aggregate) || aggregate.trim().equals(e.aggregateId()))
                    .filter(e -> blank(actor) || actor.trim().equals(e.actor()))
                    .filter(e -> blank(type) || simpleName(e.payloadType()).equals(type.trim()))
                    .sorted(Comparator.comparing(LedgerEntry::timestamp).reversed().thenComparing(LedgerEntry::region)
                            .thenComparing(Comparator.comparingLong(LedgerEntry::position).reversed()))
                    .toList();
            int p = Math.max(0, page);
            List<LedgerEntry> shown = all.subList(Math.min(all.size(), p * PAGE), Math.min(all.size(), (p + 1) * PAGE));
            People people = ui.people(locale);
            Records records = new Records(locale, people);
            // the event filter offers what the ledger holds, by its label in the user's language
            List<String> types = ledger.regions().stream().flatMap(r -> ledger.entries(r).stream()).map(e -> simpleName(e.payloadType())).distinct()
                    .sorted(Comparator.comparing(t -> msg(locale, "event." + t), java.text.Collator.getInstance(locale))).toList();
            return Rendering.view("audit").modelAttribute("entries", shown.stream().map(e -> Map.of("e", e, "type", simpleName(e.payloadType()),
                            "record", records.of(e.aggregateType(), e.aggregateId()))).toList())
                    .modelAttribute("types", types).modelAttribute("people", people).modelAttribute("names", ui.institutionNames())
                    .modelAttribute("total", all.size()).modelAttribute("page", p).modelAttribute("pages", (all.size() + PAGE - 1) / PAGE)
                    .modelAttribute("regions", ledger.regions())
                    .modelAttribute("filter", Map.of("region", nz(region), "aggregate", nz(aggregate), "actor", nz(actor), "type", nz(type),
                            "from", nz(from), "to", nz(to)))
                    .build();
        });
    }

    /** A record of the log by what people call it (a measure's title, a meeting's body and date), with its page where it has one. */
    record Record(String label, String href) {}

    /** Names of the records on one page of the log, each looked up once. */
    private final class Records {
        private final java.util.Locale locale;
        private final People people;
        private final Formats fmt;
        private final Map<String, Record> known = new java.util.HashMap<>();
        private Map<String, String> bodies;
        private Map<String, String> institutions;

        Records(java.util.Locale locale, People people) {
            this.locale = locale;
            this.people = people;
            this.fmt = new Formats(locale);
        }

        Record of(String type, String id) {
            return known.computeIfAbsent(type + "/" + id, k -> find(type, id));
        }

        private Record find(String type, String id) {
            String kind = msg(locale, "record." + type);
            try {
                return switch (type) {
                    case "Measure" -> ui.measureIfReadable(id).map(m -> new Record(kind + ": " + m.title(), "/measures/" + id))
                            .orElse(new Record(kind, null));
                    case "Meeting" -> {
                        cz.souhra.shared.queries.MeetingView m = ui.query(new cz.souhra.shared.queries.MeetingQueries.FindMeeting(id, null),
                                cz.souhra.shared.queries.MeetingView.class);
                        yield new Record(kind + ": " + bodies().getOrDefault(m.bodyId(), "") + " · " + fmt.dateTime(m.startsAt()), "/meetings/" + id);
                    }
                    case "Issue" -> new Record(kind + ": " + ui.query(new cz.souhra.shared.queries.IssueQueries.FindIssue(id, null),
                            cz.souhra.shared.queries.IssueView.class).title(), "/issues#issue-" + id);
                    case "Body" -> new Record(kind + ": " + bodies().getOrDefault(id, ""), "/bodies/" + id);
                    case "Institution" -> new Record(kind + ": " + institutions().getOrDefault(id, ""), null);
                    case "UserAccount" -> new Record(kind + ": " + people.of(id), null);
                    default -> new Record(kind, null);
                };
            } catch (RuntimeException gone) {
                // a record the read side does not show (any more): its kind alone, never its id
                return new Record(kind, null);
            }
        }

        private Map<String, String> bodies() {
            if (bodies == null) {
                bodies = ui.bodyNames();
            }
            return bodies;
        }

        private Map<String, String> institutions() {
            if (institutions == null) {
                institutions = ui.institutionNames();
            }
            return institutions;
        }
    }

    /** Verification, and the as-of view started from lists of measures and meetings by their names (nobody types an id). */
    @GetMapping("/audit/verify")
    Mono<Rendering> verifyPage(cz.souhra.shared.Actor actor, org.springframework.web.server.ServerWebExchange exchange) {
        java.util.Locale locale = UiAdvice.locale(exchange);
        return blocking(() -> {
            cz.souhra.shared.queries.Viewer viewer = ui.viewer(actor);
            List<cz.souhra.shared.queries.MeasureView> measures = ui.query(new cz.souhra.shared.queries.MeasureQueries.ListMeasures(viewer, null, null,
                    null, null, null, null, 0, 1000, "dueDate,asc"), cz.souhra.shared.queries.MeasurePage.class).items().stream()
                    .sorted(Comparator.comparing(cz.souhra.shared.queries.MeasureView::title, java.text.Collator.getInstance(locale))).toList();
            Formats fmt = new Formats(locale);
            List<Map.Entry<String, String>> meetings = new java.util.ArrayList<>();
            for (cz.souhra.shared.queries.BodyView b : ui.bodies()) {
                if (!viewer.seesBody(b.bodyId())) {
                    continue;
                }
                ui.query(new cz.souhra.shared.queries.MeetingQueries.MeetingsOfBody(b.bodyId(), null, 0, 200, null), cz.souhra.shared.queries.MeetingPage.class)
                        .items().forEach(m -> meetings.add(Map.entry(m.meetingId(), b.name() + " · " + fmt.dateTime(m.startsAt()))));
            }
            return Rendering.view("verify").modelAttribute("measures", measures).modelAttribute("meetings", meetings)
                    .modelAttribute("regions", ledger.regions()).build();
        });
    }

    /** The chosen record as it stood at the end of the chosen day: the form works without script too. */
    @GetMapping("/audit/as-of")
    Mono<Rendering> asOfRedirect(@RequestParam String kind, @RequestParam String id, @RequestParam(required = false) String date) {
        String base = "meeting".equals(kind) ? "/meetings/" : "/measures/";
        // only ids of the records' own form go into the path; the page refuses an unknown one with its 404
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
        return Mono.just(Rendering.redirectTo(base + id + (blank(date) ? "" : "?asOf=" + java.net.URLEncoder.encode(date, java.nio.charset.StandardCharsets.UTF_8)))
                .status(org.springframework.http.HttpStatus.SEE_OTHER).build());
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
