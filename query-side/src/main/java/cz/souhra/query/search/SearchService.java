package cz.souhra.query.search;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import cz.souhra.query.common.Access;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InvalidIdException;
import cz.souhra.shared.ids.Region;
import cz.souhra.shared.model.IssueCategory;

/**
 * A search as the API and the web UI ask it: parameters checked (a refusal names the parameter), the reader's
 * rights resolved as for the registers ({@link Access#viewer}: bodies, own institution, regions), the index asked.
 */
@Service
public class SearchService {

    private static final Pattern STATUS = Pattern.compile("[A-Z_]{1,32}");

    private final SearchIndex index;
    private final Access access;
    private final SearchAsOf past;

    public SearchService(SearchIndex index, Access access, SearchAsOf past) {
        this.index = index;
        this.access = access;
        this.past = past;
    }

    /** The request for these parameters (null: not given), or a refusal naming the first one in error. */
    public static SearchRequest request(String q, String kind, String body, String region, String category, String status, Integer page, Integer size) {
        String words = q == null ? "" : q.strip();
        if (words.isEmpty() || words.length() > SearchRequest.MAX_QUERY_LENGTH || words.chars().anyMatch(Character::isISOControl)) {
            throw QueryRefusal.invalid("q");
        }
        SearchKind k = null;
        if (given(kind)) {
            k = SearchKind.parse(kind);
            if (k == null) {
                throw QueryRefusal.invalid("kind=" + cut(kind));
            }
        }
        String bodyId = null;
        if (given(body)) {
            try {
                bodyId = BodyId.of(body.strip()).value();
            } catch (InvalidIdException e) {
                throw QueryRefusal.invalid("body=" + cut(body));
            }
        }
        String regionCode = null;
        if (given(region)) {
            regionCode = region.strip().toUpperCase(Locale.ROOT);
            try {
                Region.valueOf(regionCode);
            } catch (IllegalArgumentException e) {
                throw QueryRefusal.invalid("region=" + cut(region));
            }
        }
        String categoryName = null;
        if (given(category)) {
            categoryName = category.strip().toUpperCase(Locale.ROOT);
            try {
                IssueCategory.valueOf(categoryName);
            } catch (IllegalArgumentException e) {
                throw QueryRefusal.invalid("category=" + cut(category));
            }
        }
        String statusName = null;
        if (given(status)) {
            statusName = status.strip().toUpperCase(Locale.ROOT);
            if (!STATUS.matcher(statusName).matches()) {
                throw QueryRefusal.invalid("status=" + cut(status));
            }
        }
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (s < 1 || s > SearchRequest.MAX_SIZE) {
            throw QueryRefusal.invalid("size=" + s);
        }
        if (p < 0 || (long) p * s >= SearchRequest.MAX_DEPTH) {
            throw QueryRefusal.invalid("page=" + p);
        }
        return new SearchRequest(words, k, bodyId, regionCode, categoryName, statusName, p, s);
    }

    /** Runs a checked request for the actor (blocking: call off the event loop). */
    public SearchResult search(SearchRequest request, Actor actor) {
        return index.search(request, access.viewer(actor));
    }

    /** As {@link #search(SearchRequest, Actor)} in the index as it stood at {@code asOf} (now when null; {@link SearchAsOf}). */
    public SearchResult search(SearchRequest request, Actor actor, java.time.Instant asOf) {
        return asOf == null ? search(request, actor) : past.search(request, access.viewer(actor), asOf);
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    private static String cut(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
