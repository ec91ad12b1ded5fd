package cz.souhra.shared.ids;

/** An id that does not have the form of its kind; the HTTP edge answers it with 400. */
public class InvalidIdException extends IllegalArgumentException {
    private final String kind;

    public InvalidIdException(String kind, String value) {
        super("Invalid " + kind + ": '" + (value == null ? "null" : value.length() > 64 ? value.substring(0, 64) + "…" : value) + "'");
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
