package cz.souhra.query.search;

/** A search: the words typed and the facet filters (null: any). */
public record SearchRequest(String q, SearchKind kind, String bodyId, String region, String category, String status, int page, int size) {

    public static final int MAX_QUERY_LENGTH = 200;
    public static final int MAX_SIZE = 100;
    /** Hits beyond this rank are not paged to: a reader refines the words or the filters instead. */
    public static final int MAX_DEPTH = 1000;
}
