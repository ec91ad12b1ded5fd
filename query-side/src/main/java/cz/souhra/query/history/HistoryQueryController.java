package cz.souhra.query.history;

import java.time.Instant;

import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.query.common.OffLoop;
import cz.souhra.query.common.Access;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.shared.Actor;
import cz.souhra.shared.queries.HistoryPage;
import cz.souhra.shared.queries.HistoryQueries;
import reactor.core.publisher.Mono;

/** The whole region's history in recorded order, for auditors and administrators. */
@RestController
class HistoryQueryController {

    private final QueryGateway queries;
    private final Access access;

    HistoryQueryController(QueryGateway queries, Access access) {
        this.queries = queries;
        this.access = access;
    }

    @GetMapping("/api/history")
    Mono<HistoryPage> region(@RequestParam(required = false) String region, @RequestParam(required = false) Instant from,
                             @RequestParam(required = false) Instant to, @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "50") int size, Actor actor) {
        if (!access.seesAll(actor)) {
            return Mono.error(QueryRefusal.forbidden());
        }
        return OffLoop.ask(() -> queries.query(new HistoryQueries.RegionHistory(region, from, to, page, size), HistoryPage.class));
    }
}
