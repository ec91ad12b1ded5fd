package cz.souhra.infra.ui;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.infra.security.PasswordPolicy;
import cz.souhra.infra.security.UserStore;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.user.ChangePasswordCommand;
import reactor.core.publisher.Mono;

/**
 * Every signed-in user's own password, auditors included: the current password is asked for (as by
 * {@code POST /api/me/password}), so a borrowed unlocked session cannot take the account over. After an
 * administrator's reset this is the only page the one-time password opens.
 */
@Controller
class AccountPages extends Pages {

    private final UserStore users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;

    AccountPages(Ui ui, MessageSource messages, UserStore users, PasswordEncoder encoder, PasswordPolicy policy) {
        super(ui, messages);
        this.users = users;
        this.encoder = encoder;
        this.policy = policy;
    }

    @GetMapping("/account/password")
    Mono<Rendering> form(Actor actor) {
        return blocking(() -> page(actor, new Form.Bag(null)).build());
    }

    private Rendering.Builder<?> page(Actor actor, Form.Bag forms) {
        boolean oneTime = users.find(actor.user()).map(p -> p.mustChangePassword()).orElse(false);
        return Rendering.view("password").modelAttribute("forms", forms).modelAttribute("oneTime", oneTime);
    }

    @PostMapping("/account/password")
    Mono<Rendering> change(Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "password", Map.of(), f -> {
            required(f, locale, "currentPassword", "newPassword");
            String current = f.v("currentPassword");
            String next = f.v("newPassword");
            if (f.text("currentPassword") != null
                    && users.find(actor.user()).filter(p -> encoder.matches(current, p.getPassword())).isEmpty()) {
                f.reject("currentPassword", msg(locale, "password.wrong"));
            }
            if (f.text("newPassword") != null) {
                PasswordPolicy.Verdict verdict = policy.check(actor.user(), next);
                if (verdict != PasswordPolicy.Verdict.ACCEPTABLE) {
                    f.reject("newPassword", msg(locale, verdict.messageKey, PasswordPolicy.MIN_LENGTH));
                } else if (!next.equals(f.v("repeatPassword"))) {
                    f.reject("repeatPassword", msg(locale, "password.mismatch"));
                }
            }
            valid(f);
            ui.send(new ChangePasswordCommand(actor.user()), actor, locale);
            users.setPasswordHash(actor.user(), encoder.encode(next));
            return "/";
        }, forms -> page(actor, forms));
    }
}
