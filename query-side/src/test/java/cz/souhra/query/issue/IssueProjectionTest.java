package cz.souhra.query.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.Scenario;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.shared.events.issue.IssueRecategorisedEvent;
import cz.souhra.shared.events.issue.IssueReopenedEvent;
import cz.souhra.shared.events.issue.IssueResolvedEvent;
import cz.souhra.shared.model.IssueCategory;
import cz.souhra.shared.queries.IssueQueries;
import cz.souhra.shared.queries.IssueView;

class IssueProjectionTest {

    private final QueryFixture f = Scenario.loaded();
    private long t = 100_000;

    @AfterEach
    void close() {
        f.close();
    }

    private void issue(long seq, Object payload) {
        f.appendAndDeliver(QueryFixture.event("Issue", Scenario.ISSUE.value(), seq, payload, Scenario.T0.plusSeconds(t++), "tajemnice", "KULK", null));
    }

    private IssueView view() {
        return f.issueQueries.find(new IssueQueries.FindIssue(Scenario.ISSUE.value(), null));
    }

    @Test
    void given_a_measure_progress_event_when_folded_then_the_register_is_not_read_and_an_issue_event_still_reads_its_entry() {
        java.util.List<String> reads = new java.util.ArrayList<>();
        cz.souhra.query.common.ViewLookup counting = (collection, id) -> {
            reads.add(collection + "/" + id);
            return null;
        };
        var progress = QueryFixture.event("Measure", Scenario.MEASURE.value(), 9, new cz.souhra.shared.events.measure.ProgressReportedEvent(
                Scenario.MEASURE, Scenario.R, 40, "zpráva", LocalDate.parse("2026-04-01")), Scenario.T0.plusSeconds(t++), "uprace", "UPLB", null);

        assertThat(f.issues.fold(counting, progress.getPayload(), cz.souhra.query.common.EventMeta.of(progress))).isEmpty();
        assertThat(reads).as("store reads for another aggregate's event").isEmpty();

        var resolved = QueryFixture.event("Issue", Scenario.ISSUE.value(), 9, new IssueResolvedEvent(Scenario.ISSUE, Scenario.R, "vyřešeno", LocalDate.parse("2026-08-01")),
                Scenario.T0.plusSeconds(t++), "tajemnice", "KULK", null);
        f.issues.fold(counting, resolved.getPayload(), cz.souhra.query.common.EventMeta.of(resolved));
        assertThat(reads).contains(IssueProjection.COLLECTION + "/" + Scenario.ISSUE.value());
    }

    @Test
    void the_register_lists_the_measures_that_address_an_issue_once_even_when_redelivered() {
        assertThat(view().measures()).containsExactly(Scenario.MEASURE.value());
        Scenario.events().stream().filter(e -> e.getAggregateIdentifier().equals(Scenario.MEASURE.value())).forEach(f::deliver);
        assertThat(view().measures()).containsExactly(Scenario.MEASURE.value());
    }

    @Test
    void recategorised_resolved_and_reopened_issues_show_their_current_state() {
        issue(1, new IssueRecategorisedEvent(Scenario.ISSUE, Scenario.R, IssueCategory.AGENCY_EMPLOYMENT, IssueCategory.DORMITORY_TENSIONS, "agentury"));
        issue(2, new IssueResolvedEvent(Scenario.ISSUE, Scenario.R, "ubytovna zavřena", LocalDate.parse("2026-08-01")));
        assertThat(view().status()).isEqualTo("RESOLVED");
        assertThat(view().category()).isEqualTo("AGENCY_EMPLOYMENT");
        issue(3, new IssueReopenedEvent(Scenario.ISSUE, Scenario.R, "znovu otevřena"));
        assertThat(view().status()).isEqualTo("OPEN");
        assertThat(f.issueQueries.list(new IssueQueries.ListIssues(null, null, "RESOLVED", null, null, null, null, null, 0, 10, null)).total()).isZero();
        assertThat(f.issueQueries.list(new IssueQueries.ListIssues(null, null, "RESOLVED", null, null, null, null, Scenario.T0.plusSeconds(100_001), 0, 10, null))
                .total()).isEqualTo(1);
    }

    @Test
    void the_link_to_the_agenda_item_comes_from_the_issue_event_and_an_unknown_issue_is_not_found() {
        assertThatThrownBy(() -> f.issueQueries.find(new IssueQueries.FindIssue("01550000-0000-4000-8000-00000000dead", null)))
                .isInstanceOfSatisfying(QueryRefusal.class, r -> assertThat(r.kind()).isEqualTo(QueryRefusal.Kind.NOT_FOUND));
    }
}
