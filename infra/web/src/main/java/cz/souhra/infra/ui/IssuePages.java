package cz.souhra.infra.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.issue.RaiseIssueCommand;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.IssueCategory;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.IssuePage;
import cz.souhra.shared.queries.IssueQueries;
import cz.souhra.shared.queries.IssueView;
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
