package cz.souhra.infra.ui;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.search.SearchIndex;
import cz.souhra.query.search.SearchKind;
import cz.souhra.query.search.SearchRequest;
import cz.souhra.query.search.SearchResult;
import cz.souhra.query.search.SearchService;
import cz.souhra.shared.Actor;
import cz.souhra.shared.queries.BodyView;
import reactor.core.publisher.Mono;

/**
 * The results page of the header's search box: hits with their snippets, and the facets as filters (a value
 * narrows the search, the chosen one can be taken off). The same service and rights as {@code GET /api/search}; a
 * day in {@code asOf} searches the records as they stood at the end of that day.
 */
@Controller
class SearchPages extends Pages {

    private final SearchService search;

    SearchPages(Ui ui, MessageSource messages, SearchService search) {
        super(ui, messages);
        this.search = search;
    }

    @GetMapping("/search")
    Mono<Rendering> results(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                            @RequestParam(required = false) String body, @RequestParam(required = false) String region,
                            @RequestParam(required = false) String category, @RequestParam(required = false) String status,
                            @RequestParam(required = false) Integer page, @RequestParam(required = false) String asOf, Actor actor,
                            ServerWebExchange exchange) {
        java.time.Instant at = asOf(asOf);
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("q", q == null ? "" : q.strip());
        filter.put("kind", nz(kind));
        filter.put("body", nz(body));
        filter.put("region", nz(region));
        filter.put("category", nz(category));
        filter.put("status", nz(status));
        filter.put("asOf", at == null ? "" : asOf.strip());
        return blocking(() -> {
            Map<String, String> bodyNames = new LinkedHashMap<>();
            for (BodyView b : ui.bodies()) {
                bodyNames.put(b.bodyId(), b.name());
            }
            Rendering.Builder<?> view = Rendering.view("search").modelAttribute("filter", filter).modelAttribute("kinds", SearchKind.values())
                    .modelAttribute("facetNames", SearchIndex.FACETS).modelAttribute("bodyNames", bodyNames);
            if (filter.get("q").isEmpty()) {
                return view.build();
            }
            try {
                SearchRequest request = SearchService.request(q, kind, body, region, category, status, page, 20);
                SearchResult result = search.search(request, actor, at);
                long pages = Math.min((result.total() + request.size() - 1) / request.size(), SearchRequest.MAX_DEPTH / request.size());
                return view.modelAttribute("result", result).modelAttribute("pages", pages).build();
            } catch (QueryRefusal refused) {
                return view.modelAttribute("refusal", refused.message(UiAdvice.locale(exchange))).status(HttpStatus.BAD_REQUEST).build();
            }
        });
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
