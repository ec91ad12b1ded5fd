package cz.souhra.infra.ui;

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
import cz.souhra.shared.commands.user.DisableUserCommand;
import cz.souhra.shared.commands.user.GrantRoleCommand;
import cz.souhra.shared.commands.user.RegisterUserCommand;
import reactor.core.publisher.Mono;

/**
 * Users for administrators (the security chain admits only ADMIN here, and the UserAccount aggregate
 * checks again). As in the API, the account event is recorded first and the password hash stored after
 * it, so a refused registration leaves no credential behind.
 */
@Controller
class AdminPages extends Pages {

    static final List<String> ROLES = List.of("SECRETARY", "MEMBER", "AUDITOR", "ADMIN");

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
    Mono<Rendering> list() {
        return blocking(() -> page(new Form.Bag(null)).build());
    }

    private Rendering.Builder<?> page(Form.Bag forms) {
        return Rendering.view("users").modelAttribute("users", users.all()).modelAttribute("roles", ROLES)
                .modelAttribute("bodies", ui.bodies()).modelAttribute("bodyNames", ui.bodyNames()).modelAttribute("names", ui.institutionNames())
                .modelAttribute("forms", forms);
    }

    @PostMapping("/admin/users")
    Mono<Rendering> create(Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "create", Map.of("INVALID_ID", "user"), f -> {
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
            valid(f);
            List<String> roles = f.all("roles").stream().filter(ROLES::contains).toList();
            ui.send(new RegisterUserCommand(user, f.text("institution"), roles, f.text("displayName"), f.text("email")), actor, locale);
            users.setPasswordHash(user, encoder.encode(password));
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
            ui.send(new GrantRoleCommand(user, role, f.text("bodyId")), actor, locale);
            return "/admin/users#user-" + user;
        }, this::page);
    }

    @PostMapping("/admin/users/{user}/disable")
    Mono<Rendering> disable(@PathVariable String user, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "disable-" + user, Map.of(), f -> msg(locale, "confirm.disable", user), f -> {
            ui.send(new DisableUserCommand(user, f.text("reason")), actor, locale);
            return "/admin/users#user-" + user;
        }, this::page);
    }
}
