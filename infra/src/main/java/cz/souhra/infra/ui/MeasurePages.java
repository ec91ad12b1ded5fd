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
                List<MeasureView> ours = ui.query(new MeasureQueries.ListMeasures(viewer, actor.institution(), null, null, null, null, null, 0, 500,
                        "dueDate,asc"), MeasurePage.class).items().stream().filter(MeetingPages::isOpenMeasure).toList();
                page.modelAttribute("ours", ours)
                        .modelAttribute("overdueOnes", ours.stream().filter(MeasureView::overdue).toList())
                        .modelAttribute("dueSoon", ours.stream().filter(m -> !m.overdue() && m.dueDate() != null
                                && !m.dueDate().isAfter(today.plusDays(DUE_SOON_DAYS))).toList());
            }
            String s = blank(status);
            MeasurePage all = ui.query(new MeasureQueries.ListMeasures(viewer, blank(owner), s, overdue, blank(body), null, asOf(asOf), 0, 200,
                    "dueDate,asc"), MeasurePage.class);
            return page.modelAttribute("all", all).modelAttribute("bodies", ui.bodies()).modelAttribute("filter",
                    Map.of("status", s == null ? "" : s, "overdue", overdue == null ? "" : overdue.toString(), "body", body == null ? "" : body,
                            "owner", owner == null ? "" : owner, "asOf", asOf == null ? "" : asOf)).build();
        });
    }

    @GetMapping("/measures/{id}")
    Mono<Rendering> one(@PathVariable String id, @RequestParam(required = false) String asOf, Actor actor) {
        return blocking(() -> detail(id, asOf, actor, new Form.Bag(null)).build());
    }

    private Rendering.Builder<?> detail(String id, String asOf, Actor actor, Form.Bag forms) {
        MeasureView m = ui.measure(id, asOf(asOf), actor);
        boolean canReport = asOf == null && actor.actsFor(m.owner()) && !List.of("COMPLETED", "VERIFIED", "CANCELLED", "SUPERSEDED").contains(m.status())
                && (actor.has(Actor.Role.MEMBER) || actor.has(Actor.Role.SECRETARY) || actor.has(Actor.Role.ADMIN));
        return Rendering.view("measure").modelAttribute("m", m).modelAttribute("history", ui.measureHistory(id))
                .modelAttribute("names", ui.institutionNames()).modelAttribute("canReport", canReport).modelAttribute("asOf", asOf)
                .modelAttribute("forms", forms);
    }

    @GetMapping("/measures/{id}/record")
    Mono<Rendering> record(@PathVariable String id, Actor actor) {
        return blocking(() -> Rendering.view("measure :: record").modelAttribute("m", ui.measure(id, null, actor))
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
        return submit(exchange, "progress", Map.of("PERCENT_RANGE", "percent", "MEASURE_ALREADY_COMPLETED", "percent"), f -> {
            long before = ui.measure(id, null, actor).version();
            LocalDate on = date(f, "effectiveOn", locale);
            LocalDate effective = on == null ? LocalDate.now(clock.withZone(Formats.ZONE)) : on;
            if (f.text("complete") != null) {
                ui.send(new CompleteMeasureCommand(MeasureId.of(id), f.text("note"), effective, null), actor, locale);
            } else {
                ui.send(new ReportProgressCommand(MeasureId.of(id), integer(f, "percent", -1, locale), f.text("note"), effective, null), actor, locale);
            }
            ui.catchUp(() -> ui.measure(id, null, actor).version() > before);
            return "/measures/" + id;
        }, forms -> detail(id, null, actor, forms));
    }

    @GetMapping("/measures/{id}/lineage")
    Mono<Rendering> lineage(@PathVariable String id, Actor actor) {
        return blocking(() -> {
            MeasureView m = ui.measure(id, null, actor);
            LineageView l = ui.query(new MeasureQueries.MeasureLineage(id), LineageView.class);
            return Rendering.view("lineage").modelAttribute("m", m).modelAttribute("l", l).modelAttribute("names", ui.institutionNames()).build();
        });
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
