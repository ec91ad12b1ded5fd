package cz.souhra.query.search;

import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.shared.Actor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Full-text search over what the reader may read; with {@code asOf}, over the records as they stood at that instant
 * ({@link SearchAsOf}).
 */
@RestController
class SearchQueryController {

    private final SearchService search;

    SearchQueryController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    Mono<SearchResult> search(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                              @RequestParam(required = false) String body, @RequestParam(required = false) String region,
                              @RequestParam(required = false) String category, @RequestParam(required = false) String status,
                              @RequestParam(required = false) Instant asOf, @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size, Actor actor) {
        SearchRequest request = SearchService.request(q, kind, body, region, category, status, page, size);
        return Mono.fromCallable(() -> search.search(request, actor, asOf)).subscribeOn(Schedulers.boundedElastic());
    }
}
