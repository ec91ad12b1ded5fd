package cz.souhra.infra.ui;

import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;

import cz.souhra.shared.Actor;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.DashboardQueries;
import cz.souhra.shared.queries.DashboardView;
import cz.souhra.shared.queries.Viewer;
import reactor.core.publisher.Mono;

/** The login page and the dashboard each role starts from. */
@Controller
class HomePages extends Pages {

    HomePages(Ui ui, MessageSource messages) {
        super(ui, messages);
    }

    @GetMapping("/login")
    Mono<Rendering> login() {
        return Mono.just(Rendering.view("login").build());
    }

    @GetMapping("/")
    Mono<Rendering> dashboard(Actor actor) {
        return blocking(() -> {
            Viewer viewer = ui.viewer(actor);
            DashboardView d = ui.query(new DashboardQueries.Dashboard(viewer, null), DashboardView.class);
            List<BodyView> mine = ui.bodies().stream().filter(b -> actor.isSecretaryOf(b.bodyId()) || viewer.seesBody(b.bodyId()))
                    .filter(b -> !b.dissolved()).toList();
            return Rendering.view("dashboard").modelAttribute("d", d).modelAttribute("bodies", mine)
                    .modelAttribute("names", ui.institutionNames()).modelAttribute("isSecretary", actor.has(Actor.Role.SECRETARY) || actor.has(Actor.Role.ADMIN))
                    .modelAttribute("isAuditor", actor.has(Actor.Role.AUDITOR) || actor.has(Actor.Role.ADMIN)).build();
        });
    }
}
