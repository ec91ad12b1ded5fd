package cz.souhra.query.common;

/** A read the viewer may not make, or of something that does not exist; mapped to 403/404/400 problems. */
public class QueryRefusal extends RuntimeException {

    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String code;
    private final String cs;
    private final String en;

    public QueryRefusal(Kind kind, String code, String cs, String en) {
        super(en);
        this.kind = kind;
        this.code = code;
        this.cs = cs;
        this.en = en;
    }

    public static QueryRefusal notFound(String what) {
        return new QueryRefusal(Kind.NOT_FOUND, "NOT_FOUND", "Záznam " + what + " neexistuje.", "Record " + what + " does not exist.");
    }

    public static QueryRefusal forbidden() {
        return new QueryRefusal(Kind.FORBIDDEN, "FORBIDDEN_READ", "Tento záznam nemáte oprávnění číst.", "You may not read this record.");
    }

    public static QueryRefusal invalid(String what) {
        return new QueryRefusal(Kind.INVALID, "INVALID_QUERY", "Neplatný parametr dotazu: " + what, "Invalid query parameter: " + what);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String cs() {
        return cs;
    }

    public String en() {
        return en;
    }
}
