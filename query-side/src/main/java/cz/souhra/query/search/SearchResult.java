package cz.souhra.query.search;

import java.util.List;
import java.util.Map;

/**
 * One page of hits, the total the reader may see, and the counts of the matching hits by kind, body, region,
 * category and status. A snippet is HTML: the text escaped, the matched words in {@code <mark>}.
 */
public record SearchResult(String q, long total, int page, int size, List<Hit> hits, Map<String, List<FacetCount>> facets) {

    /** {@code recordKind} says what {@code recordId} is (ISSUE, MEASURE or MEETING): the record the hit links to; an attachment's is its parent. */
    public record Hit(SearchKind kind, String recordId, String title, String snippet, String region, String bodyId, String category,
                      String status, String date, String recordKind) {
    }

    public record FacetCount(String value, long count) {
    }
}
