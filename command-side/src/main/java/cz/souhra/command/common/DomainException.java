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
        INVALID(400), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), RULE(422);

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

    public DomainException(Kind kind, String code, Object... args) {
        super(code);
        this.kind = kind;
        this.code = code;
        this.args = args;
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
