package cz.souhra.infra.ui;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What the page controllers share: blocking work off the event loop, and the submit-or-show-again cycle of a form. */
abstract class Pages {

    /** A form value the UI itself cannot turn into a command (a date that is no date); shown beside its field. */
    static final class Unreadable extends RuntimeException {
        final String field;

        Unreadable(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    protected final Ui ui;
    protected final MessageSource messages;

    Pages(Ui ui, MessageSource messages) {
        this.ui = ui;
        this.messages = messages;
    }

    static Mono<Rendering> blocking(Callable<Rendering> page) {
        return Mono.fromCallable(page).subscribeOn(Schedulers.boundedElastic());
    }

    /** A form with messages beside its fields: nothing is sent, the page shows every message at once. */
    static final class Incomplete extends RuntimeException {
        Incomplete() {
            super(null, null, false, false);
        }
    }

    /** The session attribute that carries the success message to the page after the redirect. */
    static final String FLASH = "souhra.flash";

    Mono<Rendering> submit(ServerWebExchange exchange, String formId, Map<String, String> fields, Function<Form, String> act,
                           Function<Form.Bag, Rendering.Builder<?>> page) {
        return submit(exchange, formId, fields, f -> null, act, page);
    }

    /**
     * Runs {@code act} with the typed form; on success keeps the success message for the next page and
     * redirects (303, post/redirect/get) to where it says; on a refusal shows the page again from {@code page}
     * with the refused form, its input and every message, as 422. An irreversible action ({@code confirm}
     * names its question) first asks: the browser's dialog sends {@code confirmed}; without script, the
     * confirmation page below sends the same form again with it.
     */
    Mono<Rendering> submit(ServerWebExchange exchange, String formId, Map<String, String> fields, Function<Form, String> confirm,
                           Function<Form, String> act, Function<Form.Bag, Rendering.Builder<?>> page) {
        Locale locale = UiAdvice.locale(exchange);
        return exchange.getFormData().zipWith(exchange.getSession()).flatMap(in -> blocking(() -> {
            Form form = new Form(formId, in.getT1());
            String question = confirm.apply(form);
            if (question != null && form.text("confirmed") == null) {
                return confirmation(exchange, in.getT1(), question);
            }
            try {
                String to = act.apply(form);
                in.getT2().getAttributes().put(FLASH, msg(locale, "flash." + form.done()));
                return Rendering.redirectTo(to).status(HttpStatus.SEE_OTHER).build();
            } catch (Incomplete shown) {
                // the messages are on the form already
            } catch (Ui.Refused r) {
                if (r.code.equals("REQUIRED") && r.args.length > 0) {
                    // beside the field, the domain's "field X is required" would only repeat the field's internal name
                    form.reject(String.valueOf(r.args[0]), msg(locale, "form.required"));
                } else {
                    Ui.reject(form, r, fields);
                }
            } catch (Unreadable u) {
                form.reject(u.field, u.getMessage());
            }
            return page.apply(new Form.Bag(form)).status(HttpStatus.UNPROCESSABLE_ENTITY).build();
        }));
    }

    /** The question of an irreversible action as a page of its own, for a browser without script. */
    private Rendering confirmation(ServerWebExchange exchange, org.springframework.util.MultiValueMap<String, String> data, String question) {
        java.util.List<Map.Entry<String, String>> hidden = new java.util.ArrayList<>();
        data.forEach((name, values) -> {
            if (!name.equals("_csrf") && !name.equals("confirmed")) {
                values.forEach(v -> hidden.add(Map.entry(name, v)));
            }
        });
        String referer = exchange.getRequest().getHeaders().getFirst("Referer");
        String back = "/";
        if (referer != null) {
            URI r = URI.create(referer);
            URI self = exchange.getRequest().getURI();
            // only back to a page of this site
            if (r.getRawPath() != null && (r.getHost() == null || r.getHost().equals(self.getHost()))) {
                back = r.getRawPath() + (r.getRawQuery() == null ? "" : "?" + r.getRawQuery());
            }
        }
        return Rendering.view("confirm").modelAttribute("question", question).modelAttribute("action", exchange.getRequest().getPath().value())
                .modelAttribute("hidden", hidden).modelAttribute("back", back).build();
    }

    /** Marks every field of {@code names} that was left empty. */
    void required(Form f, Locale locale, String... names) {
        for (String name : names) {
            if (f.text(name) == null) {
                f.reject(name, msg(locale, "form.required"));
            }
        }
    }

    /** Stops before anything is sent when a field has a message: all of them are shown together. */
    static void valid(Form f) {
        if (f.failed()) {
            throw new Incomplete();
        }
    }

    String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    Instant dateTime(Form f, String field, Locale locale) {
        String v = f.text(field);
        if (v == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(v).atZone(Formats.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            f.reject(field, msg(locale, "form.invalid.datetime"));
            return null;
        }
    }

    /** A date, or null with a message beside the field when it is no date; {@link #valid} then stops the form. */
    LocalDate date(Form f, String field, Locale locale) {
        String v = f.text(field);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            f.reject(field, msg(locale, "form.invalid.date"));
            return null;
        }
    }

    int integer(Form f, String field, int fallback, Locale locale) {
        String v = f.text(field);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            f.reject(field, msg(locale, "form.invalid.number"));
            return fallback;
        }
    }

    static Instant asOf(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            // "as it stood on that day": the end of the chosen day in Prague
            return LocalDate.parse(date).plusDays(1).atStartOfDay(Formats.ZONE).toInstant().minusMillis(1);
        } catch (DateTimeParseException e) {
            throw new org.springframework.web.server.ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }

    static URI uri(String path) {
        return URI.create(path);
    }
}
