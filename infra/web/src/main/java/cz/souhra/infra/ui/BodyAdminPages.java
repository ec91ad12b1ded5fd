package cz.souhra.infra.ui;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.infra.security.UserStore;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.body.AdmitMemberCommand;
import cz.souhra.shared.commands.body.AppointSecretaryCommand;
import cz.souhra.shared.commands.body.DissolveBodyCommand;
import cz.souhra.shared.commands.body.EstablishBodyCommand;
import cz.souhra.shared.commands.body.RemoveMemberCommand;
import cz.souhra.shared.commands.body.RemoveSecretaryCommand;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.InvalidIdException;
import cz.souhra.shared.ids.Region;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.MeetingPage;
import cz.souhra.shared.queries.MeetingQueries;
import reactor.core.publisher.Mono;

/**
 * Bodies: the list with each body's cadence and whether its meetings are overdue; establishing a body (an
 * administrator any, a platform secretary a working group of their platform's region); on a body's page its
 * members (admitted and removed by its secretary), secretaries (appointed and removed by whoever may establish
 * the body) and dissolution. The forms shown follow the rights the aggregates enforce; the aggregates decide.
 */
@Controller
class BodyAdminPages extends Pages {

    static final List<String> REGIONS = Arrays.stream(Region.values()).map(Enum::name).toList();

    private final UserStore users;

    BodyAdminPages(Ui ui, MessageSource messages, UserStore users) {
        super(ui, messages);
        this.users = users;
    }

    @GetMapping("/bodies")
    Mono<Rendering> bodies(Actor actor) {
        return blocking(() -> bodiesPage(actor, new Form.Bag(null)).build());
    }

    private Rendering.Builder<?> bodiesPage(Actor actor, Form.Bag forms) {
        var viewer = ui.viewer(actor);
        List<BodyView> all = ui.bodies();
        List<BodyView> visible = all.stream().filter(b -> viewer.seesBody(b.bodyId())).toList();
        Set<String> founding = foundingRegions(actor, all);
        boolean admin = actor.has(Actor.Role.ADMIN);
        return Rendering.view("bodies").modelAttribute("bodies", visible).modelAttribute("names", ui.institutionNames())
                .modelAttribute("canEstablish", admin || !founding.isEmpty())
                .modelAttribute("kinds", admin ? List.of(BodyKind.PLATFORM.name(), BodyKind.WORKING_GROUP.name()) : List.of(BodyKind.WORKING_GROUP.name()))
                .modelAttribute("regions", admin ? REGIONS : REGIONS.stream().filter(founding::contains).toList())
                .modelAttribute("forms", forms);
    }

    /** The regions whose working groups the actor may establish as secretary of the region's active platform. */
    static Set<String> foundingRegions(Actor actor, List<BodyView> bodies) {
        if (!actor.has(Actor.Role.SECRETARY)) {
            return Set.of();
        }
        return bodies.stream().filter(b -> BodyKind.PLATFORM.name().equals(b.kind()) && !b.dissolved() && actor.secretaryOf().contains(b.bodyId()))
                .map(BodyView::region).collect(Collectors.toSet());
    }

    @PostMapping("/bodies")
    Mono<Rendering> establish(Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "establish", Map.of("UNKNOWN_REGION", "region", "OTHER_REGION", "region", "NOT_PLATFORM_SECRETARY", "region",
                "CADENCE_RANGE", "meetingsPerYear"), f -> {
            required(f, locale, "name", "kind", "region");
            BodyKind kind = f.text("kind") == null ? null : Arrays.stream(BodyKind.values()).filter(k -> k.name().equals(f.text("kind"))).findFirst().orElse(null);
            Integer perYear = f.text("meetingsPerYear") == null ? null : integer(f, "meetingsPerYear", 1, locale);
            if (perYear != null && (perYear < 1 || perYear > 52)) {
                // the aggregate refuses it too (CADENCE_RANGE); here it is said in the form's words
                f.reject("meetingsPerYear", msg(locale, "bodies.meetingsPerYear.range"));
            }
            int quorum = integer(f, "quorumPercent", 50, locale);
            if (quorum < 0 || quorum > 100) {
                f.reject("quorumPercent", msg(locale, "bodies.quorumRange"));
            }
            valid(f);
            BodyId id = BodyId.random();
            ui.send(new EstablishBodyCommand(id, RegionCode.of(f.text("region")), kind, f.text("name"), perYear,
                    quorum == 50 ? QuorumRule.MORE_THAN_HALF : new QuorumRule(quorum, true)), actor, locale);
            // the new body by id, not through the actor's rights: a platform secretary's new secretaryship counts from the next request
            // and, when a platform's secretary established it, with them as its secretary (the event after the establishment)
            boolean admin = actor.has(Actor.Role.ADMIN);
            ui.catchUp(() -> {
                BodyView created = directory(id.value());
                return admin || created.secretaries().contains(actor.user());
            });
            return "/bodies/" + id.value();
        }, forms -> bodiesPage(actor, forms));
    }

    /** A body's page: its members, secretaries and meetings, with the forms the actor may use. */
    Rendering.Builder<?> bodyPage(String id, Actor actor, Form.Bag forms) {
        BodyView b = ui.body(id, actor);
        MeetingPage meetings = ui.query(new MeetingQueries.MeetingsOfBody(id, null, 0, 200, null), MeetingPage.class);
        boolean admin = actor.has(Actor.Role.ADMIN);
        boolean active = !b.dissolved();
        // establishing, dissolving and staffing a working group go together (BodyFounding): an administrator any
        // body, the secretary of the region's platform its working groups
        boolean founder = admin || (BodyKind.WORKING_GROUP.name().equals(b.kind()) && foundingRegions(actor, ui.bodies()).contains(b.region()));
        boolean canDissolve = active && founder;
        Map<String, String> candidates = new java.util.LinkedHashMap<>(ui.activeInstitutionNames());
        b.members().forEach(candidates::remove);
        Map<String, String> people = new java.util.LinkedHashMap<>();
        if (founder && active) {
            // a platform's secretary is offered the people of the body's region only (regions are tenants)
            Set<String> ofRegion = admin ? null : ui.institutions().stream().filter(i -> b.region().equals(i.region()))
                    .map(cz.souhra.shared.queries.InstitutionView::code).collect(Collectors.toSet());
            users.all().stream().filter(u -> !u.disabled() && !b.secretaries().contains(u.user()))
                    .filter(u -> ofRegion == null || (u.institution() != null && ofRegion.contains(u.institution())))
                    .forEach(u -> people.put(u.user(), u.displayName() == null || u.displayName().isBlank() ? u.user() : u.displayName() + " (" + u.user() + ")"));
        }
        return Rendering.view("body").modelAttribute("b", b).modelAttribute("meetings", meetings.items())
                .modelAttribute("names", ui.institutionNames()).modelAttribute("canRecord", actor.isSecretaryOf(id) && active)
                .modelAttribute("canManageMembers", actor.isSecretaryOf(id) && active).modelAttribute("candidates", candidates)
                .modelAttribute("canAppoint", founder && active).modelAttribute("people", people).modelAttribute("secretaryNames", ui.people(Locale.ROOT))
                .modelAttribute("canDissolve", canDissolve).modelAttribute("forms", forms);
    }

    @PostMapping("/bodies/{id}/members")
    Mono<Rendering> admit(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "admit", Map.of("ALREADY_MEMBER", "institution", "MEMBER_RETIRED", "institution", "UNKNOWN_INSTITUTION", "institution",
                "INACTIVE_INSTITUTION", "institution"), f -> {
            required(f, locale, "institution");
            valid(f);
            ui.send(new AdmitMemberCommand(body(id), institution(f.text("institution")), null), actor, locale);
            ui.catchUp(() -> directory(id).members().contains(f.text("institution")));
            return "/bodies/" + id + "#members";
        }, forms -> bodyPage(id, actor, forms));
    }

    @PostMapping("/bodies/{id}/members/{code}/remove")
    Mono<Rendering> remove(@PathVariable String id, @PathVariable String code, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "remove-" + code, Map.of(), f -> f.text("reason") == null ? null
                : msg(locale, "confirm.removeMember", ui.institutionNames().getOrDefault(code, code)), f -> {
            required(f, locale, "reason");
            valid(f);
            f.done("removeMember");
            ui.send(new RemoveMemberCommand(body(id), institution(code), f.text("reason"), null), actor, locale);
            ui.catchUp(() -> !directory(id).members().contains(code));
            return "/bodies/" + id + "#members";
        }, forms -> bodyPage(id, actor, forms));
    }

    @PostMapping("/bodies/{id}/secretaries")
    Mono<Rendering> appoint(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "appoint", Map.of("UNKNOWN_USER", "user", "INACTIVE_USER", "user"), f -> {
            required(f, locale, "user");
            valid(f);
            ui.send(new AppointSecretaryCommand(body(id), f.text("user"), null), actor, locale);
            ui.catchUp(() -> directory(id).secretaries().contains(f.text("user")));
            return "/bodies/" + id + "#secretaries";
        }, forms -> bodyPage(id, actor, forms));
    }

    @PostMapping("/bodies/{id}/secretaries/{user}/remove")
    Mono<Rendering> removeSecretary(@PathVariable String id, @PathVariable String user, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        // a refusal is shown in the appointment form: the person's row may be gone from the list by then
        return submit(exchange, "appoint", Map.of(), f -> msg(locale, "confirm.removeSecretary", ui.people(locale).of(user)), f -> {
            f.done("removeSecretary");
            ui.send(new RemoveSecretaryCommand(body(id), user, null), actor, locale);
            ui.catchUp(() -> !directory(id).secretaries().contains(user));
            return "/bodies/" + id + "#secretaries";
        }, forms -> bodyPage(id, actor, forms));
    }

    @PostMapping("/bodies/{id}/dissolve")
    Mono<Rendering> dissolve(@PathVariable String id, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "dissolve", Map.of(), f -> f.text("reason") == null ? null
                : msg(locale, "confirm.dissolve", ui.body(id, actor).name()), f -> {
            required(f, locale, "reason");
            valid(f);
            ui.send(new DissolveBodyCommand(body(id), f.text("reason"), null), actor, locale);
            ui.catchUp(() -> directory(id).dissolved());
            return "/bodies/" + id;
        }, forms -> bodyPage(id, actor, forms));
    }

    /** The body as the directory read model has it now, whatever the actor may read: what a page waits for after a change. */
    private BodyView directory(String id) {
        return ui.query(new cz.souhra.shared.queries.DirectoryQueries.FindBody(id, null), BodyView.class);
    }

    private static BodyId body(String id) {
        try {
            return BodyId.of(id);
        } catch (InvalidIdException e) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
    }

    private static InstitutionId institution(String code) {
        try {
            return InstitutionId.of(code);
        } catch (InvalidIdException e) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
    }
}
