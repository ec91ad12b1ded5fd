package cz.souhra.infra.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.infra.security.PasswordPolicy;
import cz.souhra.infra.security.UserStore;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.body.AppointSecretaryCommand;
import cz.souhra.shared.commands.user.DisableUserCommand;
import cz.souhra.shared.commands.user.EnableUserCommand;
import cz.souhra.shared.commands.user.GrantRoleCommand;
import cz.souhra.shared.commands.user.RegisterUserCommand;
import cz.souhra.shared.commands.user.ResetPasswordCommand;
import cz.souhra.shared.commands.user.RevokeRoleCommand;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.queries.BodyView;
import reactor.core.publisher.Mono;

/**
 * Users for administrators (the security chain admits only ADMIN here, and the UserAccount aggregate
 * checks again). As in the API, the account event is recorded first and the password hash stored after
 * it, so a refused registration leaves no credential behind. One create form registers the account and
 * appoints it secretary of the bodies ticked (one AppointSecretaryCommand per body, the API's command, so
 * the body's page lists them too).
 */
@Controller
class AdminPages extends Pages {

    static final List<String> ROLES = List.of("SECRETARY", "MEMBER", "AUDITOR", "ADMIN");
    /** The session attribute that carries a reset's one-time password to the one page that shows it. */
    static final String ONE_TIME = "souhra.oneTimePassword";

    private final UserStore users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;

    AdminPages(Ui ui, MessageSource messages, UserStore users, PasswordEncoder encoder, PasswordPolicy policy) {
        super(ui, messages);
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
    }

    @GetMapping("/admin/users")
    Mono<Rendering> list(ServerWebExchange exchange) {
        // the one-time password is shown on this one page after the reset, then forgotten
        return exchange.getSession().flatMap(s -> {
            @SuppressWarnings("unchecked")
            Map<String, String> oneTime = (Map<String, String>) s.getAttributes().remove(ONE_TIME);
            return blocking(() -> page(new Form.Bag(null)).modelAttribute("oneTime", oneTime).build());
        });
    }

    private Rendering.Builder<?> page(Form.Bag forms) {
        List<BodyView> active = ui.bodies().stream().filter(b -> !b.dissolved()).toList();
        Map<String, String> activeInstitutions = new LinkedHashMap<>(ui.activeInstitutionNames());
        return Rendering.view("users").modelAttribute("users", users.all()).modelAttribute("roles", ROLES)
                .modelAttribute("bodies", active).modelAttribute("bodyNames", ui.bodyNames()).modelAttribute("names", ui.institutionNames())
                .modelAttribute("activeNames", activeInstitutions).modelAttribute("forms", forms);
    }

    @PostMapping("/admin/users")
    Mono<Rendering> create(Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "create", Map.of("INVALID_ID", "user", "INVALID_EMAIL", "email", "UNKNOWN_INSTITUTION", "institution",
                "INACTIVE_INSTITUTION", "institution", "UNKNOWN_BODY", "bodies", "INACTIVE_BODY", "bodies"), f -> {
            String user = f.text("user");
            if (user == null || !user.matches("[A-Za-z0-9._@-]{2,100}")) {
                f.reject("user", msg(locale, "users.invalidName"));
            } else if (users.view(user).isPresent()) {
                // the aggregate refuses a taken name too; this only names the field
                f.reject("user", msg(locale, "users.exists"));
            }
            String password = f.v("password");
            PasswordPolicy.Verdict verdict = policy.check(user, password);
            if (verdict != PasswordPolicy.Verdict.ACCEPTABLE) {
                f.reject("password", msg(locale, verdict.messageKey, PasswordPolicy.MIN_LENGTH));
            }
            List<String> roles = f.all("roles").stream().filter(ROLES::contains).toList();
            List<String> bodies = f.all("bodies").stream().filter(b -> !b.isBlank()).distinct().toList();
            if (roles.contains("MEMBER") && f.text("institution") == null) {
                f.reject("institution", msg(locale, "users.memberNeedsInstitution"));
            }
            valid(f);
            ui.send(new RegisterUserCommand(user, f.text("institution"), roles, f.text("displayName"), f.text("email")), actor, locale);
            users.setPasswordHash(user, encoder.encode(password));
            for (String body : bodies) {
                ui.send(new AppointSecretaryCommand(BodyId.of(body), user, null), actor, locale);
            }
            return "/admin/users#user-" + user;
        }, this::page);
    }

    @PostMapping("/admin/users/{user}/roles")
    Mono<Rendering> grant(@PathVariable String user, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "grant-" + user, Map.of(), f -> {
            String role = f.text("role");
            if (role == null || !ROLES.contains(role)) {
                throw new Unreadable("role", msg(locale, "form.required"));
            }
            String body = f.text("bodyId");
            if (body != null && "SECRETARY".equals(role)) {
                ui.send(new AppointSecretaryCommand(BodyId.of(body), user, null), actor, locale);
            } else {
                ui.send(new GrantRoleCommand(user, role, body), actor, locale);
            }
            return "/admin/users#user-" + user;
        }, this::page);
    }

    /**
     * Takes a role away: {@code ROLE}, or {@code SECRETARY/bodyId} for one body's secretaryship. The bare SECRETARY
     * role goes with every body's secretaryship, which the command names from the accounts' read model as the API does.
     */
    @PostMapping("/admin/users/{user}/revoke")
    Mono<Rendering> revoke(@PathVariable String user, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "revoke-" + user, Map.of(), f -> {
            String what = f.text("grant");
            if (what == null) {
                throw new Unreadable("grant", msg(locale, "form.required"));
            }
            int slash = what.indexOf('/');
            String role = slash < 0 ? what : what.substring(0, slash);
            String body = slash < 0 ? null : what.substring(slash + 1);
            if (!ROLES.contains(role)) {
                throw new Unreadable("grant", msg(locale, "form.required"));
            }
            List<String> appointed = body == null && "SECRETARY".equals(role)
                    ? users.view(user).map(cz.souhra.infra.security.UserView::secretaryOf).orElse(List.of()) : List.of();
            ui.send(new RevokeRoleCommand(user, role, body, appointed), actor, locale);
            return "/admin/users#user-" + user;
        }, this::page);
    }

    @PostMapping("/admin/users/{user}/disable")
    Mono<Rendering> disable(@PathVariable String user, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "disable-" + user, Map.of(), f -> msg(locale, "confirm.disable", name(user)), f -> {
            ui.send(new DisableUserCommand(user, f.text("reason")), actor, locale);
            return "/admin/users#user-" + user;
        }, this::page);
    }

    @PostMapping("/admin/users/{user}/enable")
    Mono<Rendering> enable(@PathVariable String user, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "enable-" + user, Map.of(), f -> {
            ui.send(new EnableUserCommand(user, f.text("reason")), actor, locale);
            return "/admin/users#user-" + user;
        }, this::page);
    }

    /** A one-time password, shown once on the next page; its owner must choose a new one at the next login. */
    @PostMapping("/admin/users/{user}/password-reset")
    Mono<Rendering> reset(@PathVariable String user, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return exchange.getSession().flatMap(session -> submit(exchange, "reset-" + user, Map.of(),
                f -> msg(locale, "confirm.reset", name(user)), f -> {
                    String oneTime = policy.oneTimePassword(user);
                    ui.send(new ResetPasswordCommand(user), actor, locale);
                    users.setPasswordHash(user, encoder.encode(oneTime));
                    session.getAttributes().put(ONE_TIME, Map.of("user", name(user), "password", oneTime));
                    return "/admin/users#user-" + user;
                }, this::page));
    }

    private String name(String user) {
        return users.view(user).map(v -> v.displayName() == null || v.displayName().isBlank() ? user : v.displayName()).orElse(user);
    }
}
