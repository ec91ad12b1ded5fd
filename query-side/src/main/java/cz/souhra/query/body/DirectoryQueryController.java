package cz.souhra.query.body;

import java.time.Instant;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.query.common.OffLoop;
import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.queries.BodyPage;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.DirectoryQueries;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.HistoryQueries;
import cz.souhra.shared.queries.InstitutionPage;
import reactor.core.publisher.Mono;

/** Institutions and bodies with their members: the directory every signed-in user of the deployment reads. */
@RestController
class DirectoryQueryController {

    private final QueryGateway queries;

    DirectoryQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/institutions")
    Mono<InstitutionPage> institutions(@RequestParam(required = false) String region, @RequestParam(required = false) String kind,
                                       @RequestParam(required = false) String q, @RequestParam(required = false) Instant asOf,
                                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                                       @RequestParam(required = false) String sort, Actor actor) {
        return OffLoop.ask(() -> queries.query(new DirectoryQueries.ListInstitutions(region, kind, q, asOf, page, size, sort), InstitutionPage.class));
    }

    @GetMapping("/api/bodies")
    Mono<BodyPage> bodies(@RequestParam(required = false) String region, @RequestParam(required = false) String kind,
                          @RequestParam(required = false) Instant asOf, @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String sort, Actor actor) {
        return OffLoop.ask(() -> queries.query(new DirectoryQueries.ListBodies(region, kind, asOf, page, size, sort), BodyPage.class));
    }

    @GetMapping("/api/bodies/{id}")
    Mono<BodyView> body(@PathVariable String id, @RequestParam(required = false) Instant asOf, Actor actor) {
        BodyId.of(id);
        return OffLoop.ask(() -> queries.query(new DirectoryQueries.FindBody(id, asOf), BodyView.class));
    }

    @GetMapping("/api/bodies/{id}/history")
    Mono<List<HistoryEntry>> history(@PathVariable String id, Actor actor) {
        return body(id, null, actor).then(OffLoop.ask(() -> queries.query(new HistoryQueries.SubjectHistory(id),
                ResponseTypes.multipleInstancesOf(HistoryEntry.class))));
    }
}
