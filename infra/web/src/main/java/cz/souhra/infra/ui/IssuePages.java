package cz.souhra.infra.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.issue.LinkIssueCommand;
import cz.souhra.shared.commands.issue.RaiseIssueCommand;
import cz.souhra.shared.commands.issue.RecategoriseIssueCommand;
import cz.souhra.shared.commands.issue.ReopenIssueCommand;
import cz.souhra.shared.commands.issue.ResolveIssueCommand;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.IssueCategory;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.HistoryQueries;
import cz.souhra.shared.queries.IssuePage;
import cz.souhra.shared.queries.IssueQueries;
import cz.souhra.shared.queries.IssueView;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.MeetingPage;
import cz.souhra.shared.queries.MeetingQueries;
import cz.souhra.shared.queries.MeetingView;
import reactor.core.publisher.Mono;

/** The issue register with its filters, and raising an issue. */
@Controller
class IssuePages extends Pages {

    private final Clock clock;

    IssuePages(Ui ui, MessageSource messages, Clock clock) {
        super(ui, messages);
        this.clock = clock;
    }

    @GetMapping("/issues")
    Mono<Rendering> list(@RequestParam(required = false) String category, @RequestParam(required = false) String status,
                         @RequestParam(required = false) String region, @RequestParam(required = false) String q, Actor actor) {
        return blocking(() -> register(actor, category, status, region, q, new Form.Bag(null)).build());
    }

    private Rendering.Builder<?> register(Actor actor, String category, String status, String region, String q, Form.Bag forms) {
        var viewer = ui.viewer(actor);
        IssuePage page = ui.query(new IssueQueries.ListIssues(viewer, blank(category), blank(status), blank(region), null, null, blank(q), null, 0, 200,
                null), IssuePage.class);
        return Rendering.view("issues").modelAttribute("issues", page).modelAttribute("categories", IssueCategory.values())
                .modelAttribute("regions", regions(viewer)).modelAttribute("names", ui.institutionNames()).modelAttribute("forms", forms)
                .modelAttribute("filter", Map.of("category", nz(category), "status", nz(status), "region", nz(region), "q", nz(q)));
    }

    @PostMapping("/issues")
    Mono<Rendering> raise(Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "raise", Map.of(), f -> {
            IssueId id = IssueId.random();
            required(f, locale, "region", "category", "title");
            String category = f.text("category");
            String region = f.text("region");
            if (category != null && java.util.Arrays.stream(IssueCategory.values()).noneMatch(c -> c.name().equals(category))) {
                f.reject("category", msg(locale, "form.required"));
            }
            LocalDate observed = date(f, "observedOn", locale);
            valid(f);
            ui.send(new RaiseIssueCommand(id, RegionCode.of(region), IssueCategory.valueOf(category), f.text("title"), f.text("description"),
                    f.text("locality"), actor.institution() == null ? null : InstitutionId.of(actor.institution()),
                    observed == null ? LocalDate.now(clock.withZone(Formats.ZONE)) : observed, null), actor, locale);
            ui.catchUp(() -> ui.query(new IssueQueries.FindIssue(id.value(), null), IssueView.class) != null);
            return "/issues#issue-" + id.value();
        }, forms -> register(actor, null, null, null, null, forms));
    }

    // ---- one issue: its record, history, lineage (agenda items, resolutions, measures) and actions ----

    /** An agenda item the issue was discussed under, with the meeting it belongs to and the resolutions adopted at it. */
    record LinkedItem(String meetingId, String meetingStartsAt, String bodyName, String itemId, String itemTitle,
                      List<MeetingView.Resolution> resolutions) {}

    /** An agenda item the issue may be linked to: one of a visible, not cancelled meeting in the issue's region. */
    record ItemChoice(String value, String label) {}

    @GetMapping("/issues/{id}")
    Mono<Rendering> one(@PathVariable String id, @RequestParam(required = false) String asOf, Actor actor, ServerWebExchange exchange) {
        return blocking(() -> issuePage(id, asOf, actor, new Form.Bag(null), exchange).build());
    }

    private Rendering.Builder<?> issuePage(String id, String asOf, Actor actor, Form.Bag forms, ServerWebExchange exchange) {
        IssueView i = ui.issue(id, asOf(asOf), actor);
        Map<String, String> bodyNames = ui.bodyNames();
        List<LinkedItem> linked = new java.util.ArrayList<>();
        for (IssueView.Link l : java.util.Objects.requireNonNullElse(i.links(), List.<IssueView.Link>of())) {
            MeetingView m = readableMeeting(l.meetingId(), actor);
            if (m == null) {
                continue;
            }
            String title = m.agenda() == null ? null : m.agenda().stream().filter(a -> a.itemId().equals(l.itemId())).map(MeetingView.AgendaItem::title)
                    .findFirst().orElse(null);
            List<MeetingView.Resolution> resolutions = m.resolutions() == null ? List.of()
                    : m.resolutions().stream().filter(r -> l.itemId().equals(r.itemId())).toList();
            linked.add(new LinkedItem(m.meetingId(), m.startsAt(), bodyNames.get(m.bodyId()), l.itemId(), title, resolutions));
        }
        List<MeasureView> measures = java.util.Objects.requireNonNullElse(i.measures(), List.<String>of()).stream()
                .map(ui::measureIfReadable).flatMap(java.util.Optional::stream)
                .filter(v -> ui.viewer(actor).seesMeasure(v.owner(), v.bodyId())).toList();
        boolean canEdit = asOf == null && (actor.has(Actor.Role.ADMIN) || actor.has(Actor.Role.SECRETARY)
                || actor.has(Actor.Role.MEMBER) && i.raisedBy() != null && actor.actsFor(i.raisedBy()));
        Rendering.Builder<?> page = Rendering.view("issue").modelAttribute("i", i).modelAttribute("linked", linked).modelAttribute("measures", measures)
                .modelAttribute("history", ui.queryList(new HistoryQueries.SubjectHistory(id), HistoryEntry.class))
                .modelAttribute("people", ui.people(UiAdvice.locale(exchange))).modelAttribute("names", ui.institutionNames())
                .modelAttribute("categories", IssueCategory.values()).modelAttribute("canEdit", canEdit).modelAttribute("asOf", asOf)
                .modelAttribute("forms", forms);
        if (canEdit) {
            page.modelAttribute("itemChoices", itemChoices(i, actor, bodyNames));
        }
        return page;
    }

    private MeetingView readableMeeting(String meetingId, Actor actor) {
        try {
            return ui.meeting(meetingId, null, actor);
        } catch (org.springframework.web.server.ResponseStatusException hidden) {
            return null;
        }
    }

    private List<ItemChoice> itemChoices(IssueView i, Actor actor, Map<String, String> bodyNames) {
        var viewer = ui.viewer(actor);
        java.util.Set<String> linked = new java.util.HashSet<>();
        java.util.Objects.requireNonNullElse(i.links(), List.<IssueView.Link>of()).forEach(l -> linked.add(l.itemId()));
        List<ItemChoice> out = new java.util.ArrayList<>();
        for (BodyView b : ui.bodies()) {
            if (!b.region().equals(i.region()) || !viewer.seesBody(b.bodyId())) {
                continue;
            }
            MeetingPage meetings = ui.query(new MeetingQueries.MeetingsOfBody(b.bodyId(), null, 0, 200, "startsAt,desc"), MeetingPage.class);
            for (MeetingView m : meetings.items()) {
                if ("CANCELLED".equals(m.status()) || m.agenda() == null) {
                    continue;
                }
                for (MeetingView.AgendaItem a : m.agenda()) {
                    if (!linked.contains(a.itemId())) {
                        out.add(new ItemChoice(m.meetingId() + "/" + a.itemId(), b.name() + " · " + Formats.dayOf(m.startsAt()) + " · " + a.title()));
                    }
                }
            }
        }
        return out;
    }

    @PostMapping("/issues/{id}/resolve")
    Mono<Rendering> resolve(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return issueChange(id, actor, exchange, "resolve", Map.of("ISSUE_RESOLVED", "reason"), f -> msg(UiAdvice.locale(exchange), "confirm.resolveIssue"),
                (f, locale) -> {
                    required(f, locale, "reason");
                    LocalDate on = date(f, "resolvedOn", locale);
                    valid(f);
                    ui.send(new ResolveIssueCommand(IssueId.of(id), f.text("reason"), on == null ? LocalDate.now(clock.withZone(Formats.ZONE)) : on, null),
                            actor, locale);
                });
    }

    @PostMapping("/issues/{id}/reopen")
    Mono<Rendering> reopen(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return issueChange(id, actor, exchange, "reopen", Map.of("ISSUE_NOT_RESOLVED", "reason"), f -> null, (f, locale) -> {
            required(f, locale, "reason");
            valid(f);
            ui.send(new ReopenIssueCommand(IssueId.of(id), f.text("reason"), null), actor, locale);
        });
    }

    @PostMapping("/issues/{id}/recategorise")
    Mono<Rendering> recategorise(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return issueChange(id, actor, exchange, "recategorise", Map.of(), f -> null, (f, locale) -> {
            required(f, locale, "category", "reason");
            String category = f.text("category");
            if (category != null && java.util.Arrays.stream(IssueCategory.values()).noneMatch(c -> c.name().equals(category))) {
                f.reject("category", msg(locale, "form.required"));
            }
            valid(f);
            ui.send(new RecategoriseIssueCommand(IssueId.of(id), IssueCategory.valueOf(category), f.text("reason"), null), actor, locale);
        });
    }

    @PostMapping("/issues/{id}/link")
    Mono<Rendering> link(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        return issueChange(id, actor, exchange, "link", Map.of("UNKNOWN_MEETING", "item", "AGENDA_ITEM_UNKNOWN", "item"), f -> null, (f, locale) -> {
            required(f, locale, "item");
            String item = f.text("item");
            if (item != null && item.indexOf('/') < 0) {
                f.reject("item", msg(locale, "form.required"));
            }
            valid(f);
            String[] parts = item.split("/", 2);
            ui.send(new LinkIssueCommand(IssueId.of(id), MeetingId.of(parts[0]), AgendaItemId.of(parts[1]), null), actor, locale);
        });
    }

    interface IssueChange {
        void apply(Form f, Locale locale);
    }

    /** One change of the issue: sends the command, waits until the register shows a later version, returns to the issue's page. */
    private Mono<Rendering> issueChange(String id, Actor actor, ServerWebExchange exchange, String formId, Map<String, String> fields,
                                        java.util.function.Function<Form, String> confirm, IssueChange change) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, formId, fields, confirm, f -> {
            long before = ui.issue(id, null, actor).version();
            change.apply(f, locale);
            f.done("issue." + formId);
            ui.catchUp(() -> ui.issue(id, null, actor).version() > before);
            return "/issues/" + id;
        }, forms -> issuePage(id, null, actor, forms, exchange));
    }

    /** The regions offered for filtering and raising: those the viewer reads. */
    private List<String> regions(cz.souhra.shared.queries.Viewer viewer) {
        return ui.bodies().stream().map(BodyView::region).filter(viewer::seesRegion).distinct().sorted().toList();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
