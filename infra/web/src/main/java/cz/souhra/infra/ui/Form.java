package cz.souhra.infra.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What the user typed into one form and, after a refusal, the messages per field ({@code _form} when the
 * refusal names no field). The page is rendered again from it, so nothing typed is lost.
 */
public final class Form {

    static final String WHOLE = "_form";

    private final String id;
    private final MultiValueMap<String, String> values;
    private final Map<String, String> errors = new LinkedHashMap<>();
    /** What the success message after this form says ({@code flash.KEY}); by default the form's kind, its id up to the first dash. */
    private String done;

    Form(String id, MultiValueMap<String, String> values) {
        this.id = id;
        this.values = values;
    }

    static Form empty(String id) {
        return new Form(id, new LinkedMultiValueMap<>());
    }

    public String id() {
        return id;
    }

    /** The typed value, or {@code fallback} on a fresh form. */
    public String v(String name, Object fallback) {
        String typed = values.getFirst(name);
        return typed != null ? typed : fallback == null ? "" : fallback.toString();
    }

    public String v(String name) {
        return v(name, "");
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean typed() {
        return !values.isEmpty();
    }

    public String err(String name) {
        return errors.get(name);
    }

    public String formError() {
        return errors.get(WHOLE);
    }

    public boolean failed() {
        return !errors.isEmpty();
    }

    /** Every field's message at once, in the order found: the page shows them all and focuses the first. */
    public Map<String, String> errors() {
        return errors;
    }

    String done() {
        if (done != null) {
            return done;
        }
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }

    Form done(String key) {
        this.done = key;
        return this;
    }

    Form reject(String field, String message) {
        errors.putIfAbsent(field == null ? WHOLE : field, message);
        return this;
    }

    String text(String name) {
        String v = values.getFirst(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The forms of one page: the one that failed keeps its input, the others start empty. */
    public static final class Bag {
        private final Form failed;

        Bag(Form failed) {
            this.failed = failed;
        }

        public Form get(String id) {
            return failed != null && failed.id.equals(id) ? failed : empty(id);
        }

        public boolean anyFailed() {
            return failed != null;
        }
    }
}
