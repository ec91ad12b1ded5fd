package cz.souhra.query.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Search as people type it: without diacritics and in any case ("doubi" finds "Doubí"). Both the text and
 * the query are folded the same way: decomposed (NFD), combining marks dropped, lower-cased.
 */
public final class TextMatch {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private TextMatch() {
    }

    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** Whether {@code text} contains {@code query} once both are folded; an absent query matches everything. */
    public static boolean contains(String text, String query) {
        return query == null || text != null && fold(text).contains(fold(query));
    }
}
