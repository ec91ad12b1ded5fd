package cz.souhra.query.search;

import java.util.Locale;

/** What a search hit is; the {@code kind} facet and filter. */
public enum SearchKind {
    ISSUE, MEASURE, AGENDA_ITEM, DISCUSSION, RESOLUTION, MINUTES, ATTACHMENT;

    /** The kind named in a request, in any case; null when there is none of that name. */
    public static SearchKind parse(String name) {
        for (SearchKind k : values()) {
            if (k.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                return k;
            }
        }
        return null;
    }
}
