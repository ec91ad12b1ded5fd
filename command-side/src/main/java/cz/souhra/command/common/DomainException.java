package cz.souhra.command.common;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A refusal by the domain: a stable code that clients can rely on, the HTTP status it maps to, and
 * Czech and English messages from the {@code errors} bundles. Thrown before the first event is applied,
 * so a refused command leaves nothing behind.
 */
public class DomainException extends RuntimeException {

    public enum Kind {
        INVALID(400), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413), RULE(422);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final String code;
    private final Kind kind;
    private final Object[] args;
    private final String field;

    public DomainException(Kind kind, String code, Object... args) {
        this(null, kind, code, args);
    }

    private DomainException(String field, Kind kind, String code, Object... args) {
        super(code);
        this.kind = kind;
        this.code = code;
        this.args = args;
        this.field = field;
    }

    /**
     * A refusal of one input field ({@code title}, {@code votes.inFavour}, {@code attendance[2].substitute}):
     * the problem answer names it in {@code field}, and the field is the message's first argument.
     */
    public static DomainException field(Kind kind, String code, String field, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = field;
        System.arraycopy(args, 0, all, 1, args.length);
        return new DomainException(field, kind, code, all);
    }

    /** The input field refused, or null when the refusal is not about one field. */
    public String field() {
        return field;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** The message arguments; a form shows the refusal beside the field that REQUIRED or TOO_LONG names. */
    public Object[] args() {
        return args.clone();
    }

    public String message(Locale locale) {
        try {
            String pattern = ResourceBundle.getBundle("errors", locale).getString(code);
            return new java.text.MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return code;
        }
    }

    @Override
    public String getMessage() {
        return message(Locale.ENGLISH);
    }

    public static DomainException forbidden(String code, Object... args) {
        return new DomainException(Kind.FORBIDDEN, code, args);
    }

    public static DomainException rule(String code, Object... args) {
        return new DomainException(Kind.RULE, code, args);
    }

    public static DomainException conflict(String code, Object... args) {
        return new DomainException(Kind.CONFLICT, code, args);
    }

    public static DomainException invalid(String code, Object... args) {
        return new DomainException(Kind.INVALID, code, args);
    }
}
