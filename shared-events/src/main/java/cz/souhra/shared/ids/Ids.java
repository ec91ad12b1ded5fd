package cz.souhra.shared.ids;

import java.util.regex.Pattern;

/** Validation shared by the typed ids: an id is checked once, where it is made, and trusted afterwards. */
public final class Ids {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,31}");

    private Ids() {}

    static void requireUuid(String value, String kind) {
        if (value == null || !UUID.matcher(value).matches()) {
            throw new InvalidIdException(kind, value);
        }
    }

    static void requireCode(String value, String kind) {
        if (value == null || !CODE.matcher(value).matches()) {
            throw new InvalidIdException(kind, value);
        }
    }
}
