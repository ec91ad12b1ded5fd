package cz.souhra.query.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A read the viewer may not make, or of something that does not exist; mapped to 403/404/400 problems.
 * Its texts come from the {@code query-errors} bundles by its stable code.
 */
public class QueryRefusal extends RuntimeException {

    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT }

    private static final Locale CS = Locale.forLanguageTag("cs");
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Kind kind;
    private final String code;
    private final Object[] args;

    public QueryRefusal(Kind kind, String code, Object... args) {
        super(code);
        this.kind = kind;
        this.code = code;
        this.args = args.clone();
    }

    public static QueryRefusal notFound(Object what) {
        return new QueryRefusal(Kind.NOT_FOUND, "NOT_FOUND", what);
    }

    public static QueryRefusal forbidden() {
        return new QueryRefusal(Kind.FORBIDDEN, "FORBIDDEN_READ");
    }

    public static QueryRefusal invalid(String what) {
        return new QueryRefusal(Kind.INVALID, "INVALID_QUERY", what);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The message arguments: for INVALID_QUERY the parameter (or {@code name=value}) refused. */
    public Object[] args() {
        return args.clone();
    }

    public String cs() {
        return message(CS);
    }

    public String en() {
        return message(Locale.ENGLISH);
    }

    @Override
    public String getMessage() {
        return en();
    }

    public String message(Locale locale) {
        try {
            String pattern = ResourceBundle.getBundle("query-errors", locale, NO_FALLBACK).getString(code);
            return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return code;
        }
    }
}
