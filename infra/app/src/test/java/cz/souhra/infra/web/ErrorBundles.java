package cz.souhra.infra.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The texts of every error code, read from the bundles the application answers from: the domain's
 * ({@code errors}, command-side), the query side's ({@code query-errors}) and the HTTP edge's
 * ({@code problems}, infra). Keys in upper case are codes; the rest (e.g. {@code expected.date}) are parts.
 */
public final class ErrorBundles {

    public record Code(String bundle, String code, String cs, String en) {}

    public static final List<String> BUNDLES = List.of("errors", "query-errors", "problems");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]+");
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ErrorBundles() {}

    public static List<Code> codes() {
        List<Code> codes = new ArrayList<>();
        for (String name : BUNDLES) {
            ResourceBundle cs = ResourceBundle.getBundle(name, Locale.forLanguageTag("cs"), NO_FALLBACK);
            ResourceBundle en = ResourceBundle.getBundle(name, Locale.ENGLISH, NO_FALLBACK);
            for (String key : new TreeSet<>(Collections.list(en.getKeys()))) {
                if (CODE.matcher(key).matches()) {
                    codes.add(new Code(name, key, cs.containsKey(key) ? cs.getString(key) : null, en.getString(key)));
                }
            }
        }
        return codes;
    }

    /** Every English text as a pattern, its {n} arguments matching anything. */
    public static List<Pattern> englishPatterns() {
        List<Pattern> patterns = new ArrayList<>();
        for (Code c : codes()) {
            String[] parts = c.en().replace("''", "'").split("\\{\\d+(,[^}]*)?}", -1);
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
            }
            patterns.add(Pattern.compile(regex.toString(), Pattern.DOTALL));
        }
        return patterns;
    }

    /** True when the text is one of the English texts (with any arguments). */
    public static boolean isEnglish(String text) {
        return englishPatterns().stream().anyMatch(p -> p.matcher(text).matches());
    }
}
