package cz.souhra.infra.web;

import java.net.URI;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

/**
 * The one shape of every refusal: an RFC 9457 problem with a stable {@code code}, the {@code field} it is
 * about where there is one, {@code detail} in the caller's language and both language versions
 * ({@code messageCs}, {@code messageEn}) for clients that show both. Texts of the edge's own codes come
 * from the {@code problems} bundles; docs/api.md lists them with the domain's and the query side's.
 */
public final class Problems {

    public static final Locale CZECH = Locale.forLanguageTag("cs");
    static final String BUNDLE = "problems";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Problems() {}

    /**
     * The language the caller prefers of Czech and English by {@code Accept-Language}; Czech when it names
     * neither or cannot be parsed (an unparsable header must not turn a refusal into a 500).
     */
    public static Locale locale(ServerWebExchange exchange) {
        List<Locale.LanguageRange> ranges;
        try {
            ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
        } catch (IllegalArgumentException unreadable) {
            return CZECH;
        }
        if (ranges.isEmpty()) {
            return CZECH;
        }
        Locale best;
        try {
            best = Locale.lookup(ranges, List.of(CZECH, Locale.ENGLISH));
        } catch (IllegalArgumentException unreadable) {
            return CZECH;
        }
        return best != null && best.getLanguage().equals("en") ? Locale.ENGLISH : CZECH;
    }

    /** A text of the {@code problems} bundle, its {0}-style arguments filled in. */
    public static String text(String key, Locale locale, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text for " + key + " in the problems bundle", e);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** A problem of the edge's own code, texts from the {@code problems} bundles. */
    public static ProblemDetail of(HttpStatusCode status, String code, String field, Locale locale, Object... args) {
        return of(status, code, field, locale, text(code, CZECH, args), text(code, Locale.ENGLISH, args));
    }

    /** A problem whose texts come from elsewhere (the domain's or the query side's bundles). */
    public static ProblemDetail of(HttpStatusCode status, String code, String field, Locale locale, String cs, String en) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, locale.getLanguage().equals("en") ? en : cs);
        HttpStatus s = HttpStatus.resolve(status.value());
        p.setTitle(s == null ? "Error" : s.getReasonPhrase());
        p.setType(URI.create("urn:souhra:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        p.setProperty("code", code);
        if (field != null) {
            p.setProperty("field", field);
        }
        p.setProperty("messageCs", cs);
        p.setProperty("messageEn", en);
        return p;
    }

    /** A value quoted back to its sender: short and without control characters. */
    static String quoted(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(60).forEach(c -> out.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c));
        return s.codePointCount(0, s.length()) > 60 ? out + "…" : out.toString();
    }
}
