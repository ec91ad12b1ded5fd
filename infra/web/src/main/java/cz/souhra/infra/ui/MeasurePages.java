package cz.souhra.infra.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.measure.CompleteMeasureCommand;
import cz.souhra.shared.commands.measure.ReportProgressCommand;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.queries.LineageView;
import cz.souhra.shared.queries.MeasurePage;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.Viewer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Measures: "our measures" of an institution, the register, one measure with its history, progress reports, lineage. */
@Controller
class MeasurePages extends Pages {

    /** "Due soon" on the member's page: within a month. */
    static final int DUE_SOON_DAYS = 30;
    /** Statuses in which an owner still works on a measure; the rest are done with (completed, verified, cancelled, superseded). */
    static final List<String> ACTIVE = List.of("ADOPTED", "IN_PROGRESS");
    /** The register's filter value for every active status, which the query knows only one by one. */
    static final String OPEN = "OPEN";

    private final Clock clock;
    private final QueryGateway queries;

    MeasurePages(Ui ui, MessageSource messages, Clock clock, QueryGateway queries) {
        super(ui, messages);
        this.clock = clock;
        this.queries = queries;
    }

    @GetMapping("/measures")
    Mono<Rendering> list(@RequestParam(required = false) String status, @RequestParam(required = false) Boolean overdue,
                         @RequestParam(required = false) String body, @RequestParam(required = false) String owner,
                         @RequestParam(required = false) String asOf, Actor actor) {
        return blocking(() -> {
            Viewer viewer = ui.viewer(actor);
            LocalDate today = LocalDate.now(clock.withZone(Formats.ZONE));
            Rendering.Builder<?> page = Rendering.view("measures").modelAttribute("names", ui.institutionNames()).modelAttribute("today", today);
            if (actor.institution() != null) {
                List<MeasureView> all = ui.query(new MeasureQueries.ListMeasures(viewer, actor.institution(), null, null, null, null, null, 0, 500,
                        "dueDate,asc"), MeasurePage.class).items();
                List<MeasureView> ours = all.stream().filter(MeasurePages::active).toList();
                page.modelAttribute("ours", ours)
                        .modelAttribute("done", all.stream().filter(m -> m.status().equals("COMPLETED") || m.status().equals("VERIFIED")).toList())
                        .modelAttribute("overdueOnes", ours.stream().filter(MeasureView::overdue).toList())
                        .modelAttribute("dueSoon", ours.stream().filter(m -> !m.overdue() && m.dueDate() != null
                                && !m.dueDate().isAfter(today.plusDays(DUE_SOON_DAYS))).toList());
            }
            String s = blank(status);
            boolean open = OPEN.equals(s);
            MeasurePage all = ui.query(new MeasureQueries.ListMeasures(viewer, blank(owner), open ? null : s, overdue, blank(body), null, asOf(asOf),
                    0, open ? 1000 : 200, "dueDate,asc"), MeasurePage.class);
            if (open) {
                List<MeasureView> active = all.items().stream().filter(MeasurePages::active).toList();
                all = new MeasurePage(active.subList(0, Math.min(200, active.size())), active.size(), 0, 200);
            }
            return page.modelAttribute("all", all).modelAttribute("bodies", ui.bodies()).modelAttribute("filter",
                    Map.of("status", s == null ? "" : s, "overdue", overdue == null ? "" : overdue.toString(), "body", body == null ? "" : body,
                            "owner", owner == null ? "" : owner, "asOf", asOf == null ? "" : asOf)).build();
        });
    }

    @GetMapping("/measures/{id}")
    Mono<Rendering> one(@PathVariable String id, @RequestParam(required = false) String asOf, Actor actor, ServerWebExchange exchange) {
        return blocking(() -> detail(id, asOf, actor, new Form.Bag(null), exchange).build());
    }

    private Rendering.Builder<?> detail(String id, String asOf, Actor actor, Form.Bag forms, ServerWebExchange exchange) {
        MeasureView m = ui.measure(id, asOf(asOf), actor);
        boolean canReport = asOf == null && actor.actsFor(m.owner()) && !List.of("COMPLETED", "VERIFIED", "CANCELLED", "SUPERSEDED").contains(m.status())
                && (actor.has(Actor.Role.MEMBER) || actor.has(Actor.Role.SECRETARY) || actor.has(Actor.Role.ADMIN));
        return Rendering.view("measure").modelAttribute("m", m).modelAttribute("history", ui.measureHistory(id))
                .modelAttribute("people", ui.people(UiAdvice.locale(exchange)))
                .modelAttribute("names", ui.institutionNames()).modelAttribute("canReport", canReport).modelAttribute("asOf", asOf)
                .modelAttribute("forms", forms);
    }

    @GetMapping("/measures/{id}/record")
    Mono<Rendering> record(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return blocking(() -> Rendering.view("measure :: record").modelAttribute("m", ui.measure(id, null, actor))
                .modelAttribute("people", ui.people(UiAdvice.locale(exchange)))
                .modelAttribute("history", ui.measureHistory(id)).modelAttribute("names", ui.institutionNames()).build());
    }

    @GetMapping(value = "/measures/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<String>> live(@PathVariable String id, Actor actor) {
        return Mono.fromCallable(() -> ui.measure(id, null, actor)).subscribeOn(Schedulers.boundedElastic()).flatMapMany(first -> {
            SubscriptionQueryResult<MeasureView, MeasureView> result = queries.subscriptionQuery(new MeasureQueries.MeasureUpdates(id),
                    ResponseTypes.instanceOf(MeasureView.class), ResponseTypes.instanceOf(MeasureView.class));
            return result.updates().map(v -> ServerSentEvent.builder(String.valueOf(v.version())).event("changed").build())
                    .mergeWith(Flux.interval(Duration.ofSeconds(20)).map(t -> ServerSentEvent.<String>builder().comment("keep-alive").build()))
                    .doFinally(s -> result.close());
        });
    }

    @PostMapping("/measures/{id}/progress")
    Mono<Rendering> progress(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "progress", Map.of("PERCENT_RANGE", "percent", "MEASURE_ALREADY_COMPLETED", "percent"),
                f -> f.text("complete") != null ? msg(locale, "confirm.complete") : null, f -> {
            long before = ui.measure(id, null, actor).version();
            LocalDate on = date(f, "effectiveOn", locale);
            LocalDate effective = on == null ? LocalDate.now(clock.withZone(Formats.ZONE)) : on;
            if (f.text("complete") != null) {
                valid(f);
                f.done("complete");
                ui.send(new CompleteMeasureCommand(MeasureId.of(id), f.text("note"), effective, null), actor, locale);
            } else {
                required(f, locale, "percent");
                int percent = integer(f, "percent", -1, locale);
                valid(f);
                ui.send(new ReportProgressCommand(MeasureId.of(id), percent, f.text("note"), effective, null), actor, locale);
            }
            ui.catchUp(() -> ui.measure(id, null, actor).version() > before);
            return "/measures/" + id;
        }, forms -> detail(id, null, actor, forms, exchange));
    }

    @GetMapping("/measures/{id}/lineage")
    Mono<Rendering> lineage(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return blocking(() -> {
            MeasureView m = ui.measure(id, null, actor);
            LineageView l = ui.query(new MeasureQueries.MeasureLineage(id), LineageView.class);
            return Rendering.view("lineage").modelAttribute("m", m).modelAttribute("l", l).modelAttribute("names", ui.institutionNames())
                    .modelAttribute("people", ui.people(UiAdvice.locale(exchange))).build();
        });
    }

    static boolean active(MeasureView m) {
        return ACTIVE.contains(m.status());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
