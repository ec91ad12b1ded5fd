package cz.souhra.infra.ui;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.institution.RegisterInstitutionCommand;
import cz.souhra.shared.commands.institution.RenameInstitutionCommand;
import cz.souhra.shared.commands.institution.RetireInstitutionCommand;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.InvalidIdException;
import cz.souhra.shared.ids.Region;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.InstitutionKind;
import reactor.core.publisher.Mono;

/**
 * Member institutions for administrators (the security chain admits only ADMIN under {@code /admin}, and the
 * Institution aggregate checks again): register, rename, retire. The code is the institution's customary
 * abbreviation (MML, KULK), chosen once and kept for good. The directory read model follows the events a
 * moment later; after a change the page waits briefly for it (Ui.catchUp), so the next page shows it.
 */
@Controller
class InstitutionPages extends Pages {

    static final List<String> KINDS = Arrays.stream(InstitutionKind.values()).map(Enum::name).toList();
    static final List<String> REGIONS = Arrays.stream(Region.values()).map(Enum::name).toList();

    InstitutionPages(Ui ui, MessageSource messages) {
        super(ui, messages);
    }

    @GetMapping("/admin/institutions")
    Mono<Rendering> list() {
        return blocking(() -> page(new Form.Bag(null)).build());
    }

    private Rendering.Builder<?> page(Form.Bag forms) {
        return Rendering.view("institutions").modelAttribute("institutions", ui.institutions()).modelAttribute("kinds", KINDS)
                .modelAttribute("regions", REGIONS).modelAttribute("forms", forms);
    }

    @PostMapping("/admin/institutions")
    Mono<Rendering> register(Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "institution", Map.of("ALREADY_EXISTS", "code", "INVALID_ID", "code", "UNKNOWN_REGION", "region"), f -> {
            required(f, locale, "code", "name", "kind", "region");
            InstitutionId code = null;
            if (f.text("code") != null) {
                try {
                    code = InstitutionId.of(f.text("code").toUpperCase(Locale.ROOT));
                } catch (InvalidIdException e) {
                    f.reject("code", msg(locale, "institutions.invalidCode"));
                }
            }
            InstitutionKind kind = f.text("kind") == null || !KINDS.contains(f.text("kind")) ? null : InstitutionKind.valueOf(f.text("kind"));
            if (f.text("kind") != null && kind == null) {
                f.reject("kind", msg(locale, "form.required"));
            }
            valid(f);
            ui.send(new RegisterInstitutionCommand(code, RegionCode.of(f.text("region")), kind, f.text("name")), actor, locale);
            String registered = code.value();
            ui.catchUp(() -> ui.institutionNames().containsKey(registered));
            return "/admin/institutions#inst-" + code.value();
        }, this::page);
    }

    @PostMapping("/admin/institutions/{code}/rename")
    Mono<Rendering> rename(@PathVariable String code, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "rename-" + code, Map.of(), f -> {
            required(f, locale, "name");
            valid(f);
            ui.send(new RenameInstitutionCommand(institution(code), f.text("name"), null), actor, locale);
            ui.catchUp(() -> f.text("name").equals(ui.institutionNames().get(code)));
            return "/admin/institutions#inst-" + code;
        }, this::page);
    }

    @PostMapping("/admin/institutions/{code}/retire")
    Mono<Rendering> retire(@PathVariable String code, Actor actor, ServerWebExchange exchange) {
        Locale locale = UiAdvice.locale(exchange);
        return submit(exchange, "retire-" + code, Map.of(), f -> f.text("reason") == null ? null
                : msg(locale, "confirm.retire", ui.institutionNames().getOrDefault(code, code)), f -> {
            required(f, locale, "reason");
            valid(f);
            ui.send(new RetireInstitutionCommand(institution(code), f.text("reason"), null), actor, locale);
            ui.catchUp(() -> ui.institutions().stream().anyMatch(i -> i.code().equals(code) && i.retired()));
            return "/admin/institutions#inst-" + code;
        }, this::page);
    }

    private static InstitutionId institution(String code) {
        try {
            return InstitutionId.of(code);
        } catch (InvalidIdException e) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
    }
}
