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

    /**
     * Runs {@code act} with the typed form; on success redirects (303) to where it says, on a refusal shows
     * the page again from {@code page} with the refused form, its input and messages, as 422.
     */
    Mono<Rendering> submit(ServerWebExchange exchange, String formId, Map<String, String> fields, Function<Form, String> act,
                           Function<Form.Bag, Rendering.Builder<?>> page) {
        Locale locale = UiAdvice.locale(exchange);
        return exchange.getFormData().flatMap(data -> blocking(() -> {
            Form form = new Form(formId, data);
            try {
                return Rendering.redirectTo(act.apply(form)).status(HttpStatus.SEE_OTHER).build();
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
            throw new Unreadable(field, msg(locale, "form.invalid.datetime"));
        }
    }

    LocalDate date(Form f, String field, Locale locale) {
        String v = f.text(field);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new Unreadable(field, msg(locale, "form.invalid.date"));
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
            throw new Unreadable(field, msg(locale, "form.invalid.number"));
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
