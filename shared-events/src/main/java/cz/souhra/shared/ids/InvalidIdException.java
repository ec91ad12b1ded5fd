package cz.souhra.shared.ids;

/** An id that does not have the form of its kind; the HTTP edge answers it with 400. */
public class InvalidIdException extends IllegalArgumentException {
    private final String kind;
    private final String value;

    public InvalidIdException(String kind, String value) {
        super("Invalid " + kind + ": '" + shortened(value) + "'");
        this.kind = kind;
        this.value = shortened(value);
    }

    private static String shortened(String value) {
        return value == null ? "null" : value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }

    /** The refused value (its first 64 characters), to quote back without the English wording of the message. */
    public String value() {
        return value;
    }

    public String kind() {
        return kind;
    }
}
