package cz.souhra.query.issue;

import java.time.Instant;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cz.souhra.query.common.Access;
import cz.souhra.query.common.OffLoop;
import cz.souhra.query.common.TimeAxes;
import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.queries.Bitemporal;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.HistoryQueries;
import cz.souhra.shared.queries.IssuePage;
import cz.souhra.shared.queries.IssueQueries;
import cz.souhra.shared.queries.IssueView;
import reactor.core.publisher.Mono;

/**
 * The issue register: filters by category, status, region, locality, institution and text; as of an
 * instant. Issues are raised for the whole region's platform to see: everyone who acts in the issue's
 * region reads them (and the institution that raised one), administrators and auditors read every region.
 */
@RestController
class IssueQueryController {

    private final QueryGateway queries;
    private final Access access;

    IssueQueryController(QueryGateway queries, Access access) {
        this.queries = queries;
        this.access = access;
    }

    @GetMapping("/api/issues")
    Mono<IssuePage> register(@RequestParam(required = false) String category, @RequestParam(required = false) String status,
                             @RequestParam(required = false) String region, @RequestParam(required = false) String locality,
                             @RequestParam(required = false) String institution, @RequestParam(required = false) String q,
                             @RequestParam(required = false) Instant asOf, @RequestParam(required = false) Instant knownAt,
                             @RequestParam(required = false) Instant validAt, @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String sort, Actor actor) {
        Bitemporal at = TimeAxes.of(asOf, knownAt, validAt);
        var filter = new IssueQueries.ListIssues(access.issueViewer(actor), category, status, region, locality, institution, q, asOf, page, size, sort);
        return OffLoop.ask(() -> at == null ? queries.query(filter, IssuePage.class)
                : queries.query(new IssueQueries.ListIssuesBitemporal(filter, at), IssuePage.class));
    }

    @GetMapping("/api/issues/{id}")
    Mono<IssueView> one(@PathVariable String id, @RequestParam(required = false) Instant asOf, @RequestParam(required = false) Instant knownAt,
                        @RequestParam(required = false) Instant validAt, Actor actor) {
        IssueId.of(id);
        Bitemporal at = TimeAxes.of(asOf, knownAt, validAt);
        return OffLoop.ask(() -> at == null ? queries.query(new IssueQueries.FindIssue(id, asOf), IssueView.class)
                : queries.query(new IssueQueries.FindIssueBitemporal(id, at), IssueView.class))
                .doOnNext(v -> access.requireIssue(actor, v.region(), v.raisedBy()));
    }

    @GetMapping("/api/issues/{id}/history")
    Mono<List<HistoryEntry>> history(@PathVariable String id, Actor actor) {
        return one(id, null, null, null, actor).then(OffLoop.ask(() -> queries.query(new HistoryQueries.SubjectHistory(id),
                ResponseTypes.multipleInstancesOf(HistoryEntry.class))));
    }
}
