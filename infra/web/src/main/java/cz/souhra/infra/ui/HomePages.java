package cz.souhra.infra.ui;

import java.time.Duration;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.ResponseBody;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;

import cz.souhra.shared.Actor;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.DashboardQueries;
import cz.souhra.shared.queries.DashboardView;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.Viewer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The login page and the dashboard each role starts from. */
@Controller
class HomePages extends Pages {

    /** How many upcoming meetings the secretary's dashboard lists. */
    static final int UPCOMING = 10;

    private final QueryGateway queries;
    private final java.time.Clock clock;

    HomePages(Ui ui, MessageSource messages, QueryGateway queries, java.time.Clock clock) {
        super(ui, messages);
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * The failure and logout notes only after a failed login ({@code ?error}) or a logout ({@code ?logout}), never on a
     * first visit; {@code ?throttled=N}: seconds to wait, set by the form login's failure handler when the login throttle refused.
     */
    @GetMapping("/login")
    Mono<Rendering> login(org.springframework.web.server.ServerWebExchange exchange) {
        var params = exchange.getRequest().getQueryParams();
        String throttled = params.getFirst("throttled");
        // only a plain number is shown; anything else in the address is ignored rather than refused
        boolean shown = throttled != null && throttled.matches("[0-9]{1,7}");
        var view = Rendering.view("login").modelAttribute("failed", params.containsKey("error"))
                .modelAttribute("loggedOut", params.containsKey("logout"));
        return Mono.just((shown ? view.modelAttribute("throttled", Long.parseLong(throttled)) : view).build());
    }

    /** The accessibility statement (Act 99/2019 Sb.), open to everyone. */
    @GetMapping("/pristupnost")
    Mono<Rendering> accessibility() {
        return Mono.just(Rendering.view("accessibility").build());
    }

    @GetMapping("/")
    Mono<Rendering> dashboard(Actor actor) {
        return blocking(() -> board(actor, "dashboard"));
    }

    /** The dashboard's figures alone, re-fetched when a visible measure changes. */
    @GetMapping("/dashboard/board")
    Mono<Rendering> boardFragment(Actor actor) {
        return blocking(() -> board(actor, "dashboard :: board"));
    }

    /** A "changed" event whenever a measure this user may see changes; the page then re-fetches its figures. */
    @GetMapping(value = "/dashboard/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<String>> live(Actor actor) {
        return Mono.fromCallable(() -> ui.viewer(actor)).subscribeOn(Schedulers.boundedElastic()).flatMapMany(viewer -> {
            SubscriptionQueryResult<DashboardView, MeasureView> result = queries.subscriptionQuery(
                    new DashboardQueries.DashboardUpdates(viewer.institution()), ResponseTypes.instanceOf(DashboardView.class),
                    ResponseTypes.instanceOf(MeasureView.class));
            return result.updates().filter(m -> viewer.seesMeasure(m.owner(), m.bodyId()))
                    .map(m -> ServerSentEvent.builder(m.measureId() + ":" + m.version()).event("changed").build())
                    .mergeWith(Flux.interval(Duration.ofSeconds(20)).map(t -> ServerSentEvent.<String>builder().comment("keep-alive").build()))
                    .doFinally(s -> result.close());
        });
    }

    /** A secretary's next meetings: the scheduled or running sittings of the bodies they record, soonest first. */
    private List<java.util.Map<String, Object>> upcoming(Actor actor, List<BodyView> bodies) {
        java.time.Instant now = clock.instant();
        List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
        for (BodyView b : bodies) {
            if (!actor.isSecretaryOf(b.bodyId())) {
                continue;
            }
            ui.query(new cz.souhra.shared.queries.MeetingQueries.MeetingsOfBody(b.bodyId(), null, 0, 200, null), cz.souhra.shared.queries.MeetingPage.class)
                    .items().stream()
                    .filter(m -> "CONVENED".equals(m.status()) || "SCHEDULED".equals(m.status()) && !java.time.Instant.parse(m.startsAt()).isBefore(now))
                    .forEach(m -> out.add(java.util.Map.of("m", m, "body", b)));
        }
        out.sort(java.util.Comparator.comparing(x -> java.time.Instant.parse(((cz.souhra.shared.queries.MeetingView) x.get("m")).startsAt())));
        return out.size() > UPCOMING ? out.subList(0, UPCOMING) : out;
    }

    private Rendering board(Actor actor, String view) {
        {
            Viewer viewer = ui.viewer(actor);
            DashboardView d = ui.query(new DashboardQueries.Dashboard(viewer, null), DashboardView.class);
            List<BodyView> mine = ui.bodies().stream().filter(b -> actor.isSecretaryOf(b.bodyId()) || viewer.seesBody(b.bodyId()))
                    .filter(b -> !b.dissolved()).toList();
            // minutes waiting for this institution's answer as a verifier; the meeting refuses anyone else's
            List<cz.souhra.shared.queries.MeetingView> toVerify = actor.institution() == null ? List.of()
                    : ui.query(new cz.souhra.shared.queries.MeetingQueries.MinutesToVerify(actor.institution()), cz.souhra.shared.queries.MeetingPage.class).items();
            return Rendering.view(view).modelAttribute("d", d).modelAttribute("bodies", mine).modelAttribute("upcoming", upcoming(actor, mine))
                    .modelAttribute("toVerify", toVerify).modelAttribute("bodyNames", ui.bodies().stream()
                            .collect(java.util.stream.Collectors.toMap(BodyView::bodyId, BodyView::name, (x, y) -> x)))
                    .modelAttribute("names", ui.institutionNames()).modelAttribute("isSecretary", actor.has(Actor.Role.SECRETARY) || actor.has(Actor.Role.ADMIN))
                    .modelAttribute("isAuditor", actor.has(Actor.Role.AUDITOR) || actor.has(Actor.Role.ADMIN)).build();
        }
    }
}
