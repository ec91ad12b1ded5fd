package cz.souhra.query.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import cz.souhra.query.body.DirectoryQueryHandler;
import cz.souhra.query.issue.IssueQueryHandler;
import cz.souhra.query.measure.MeasureQueryHandler;
import cz.souhra.shared.queries.BodyPage;
import cz.souhra.shared.queries.DashboardQueries;
import cz.souhra.shared.queries.DashboardView;
import cz.souhra.shared.queries.DirectoryQueries;
import cz.souhra.shared.queries.IssueView;
import cz.souhra.shared.queries.MeasureView;
import cz.souhra.shared.queries.Viewer;

/**
 * Dashboards are computed from the measure and issue read models when asked, not kept as a projection
 * of their own: they are small sums over those views, so they cannot drift from them, and as-of comes
 * for free from the registers' as-of. Counts cover only the measures and issues the viewer may see (their
 * bodies' measures, their regions' issues); for auditors and administrators the national row is the whole
 * country, for anyone else the sum of what they see.
 */
@Component
public class DashboardQueryHandler {

    public static final String NATIONAL = "CZ";

    private final MeasureQueryHandler measures;
    private final IssueQueryHandler issues;
    private final DirectoryQueryHandler directory;

    public DashboardQueryHandler(MeasureQueryHandler measures, IssueQueryHandler issues, DirectoryQueryHandler directory) {
        this.measures = measures;
        this.issues = issues;
        this.directory = directory;
    }

    @QueryHandler
    public DashboardView dashboard(DashboardQueries.Dashboard q) {
        Viewer viewer = q.viewer() == null ? Viewer.EVERYTHING : q.viewer();
        List<MeasureView> visible = measures.all(q.asOf()).stream().filter(m -> viewer.seesMeasure(m.owner(), m.bodyId()))
                .sorted(Comparator.comparing(MeasureView::dueDate, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(MeasureView::measureId))
                .toList();
        List<IssueView> allIssues = issues.all(q.asOf());
        Map<String, IssueView> issueById = new HashMap<>();
        allIssues.forEach(i -> issueById.put(i.issueId(), i));

        List<MeasureView> mine = visible.stream().filter(m -> viewer.institution() != null && viewer.institution().equals(m.owner())).toList();
        List<MeasureView> myOpen = mine.stream().filter(DashboardQueryHandler::open).toList();
        List<MeasureView> myOverdue = myOpen.stream().filter(MeasureView::overdue).toList();

        Map<String, String> bodyNames = new HashMap<>();
        BodyPage bodies = directory.bodies(new DirectoryQueries.ListBodies(null, null, q.asOf(), 0, Integer.MAX_VALUE, null));
        bodies.items().forEach(b -> bodyNames.put(b.bodyId(), b.name()));

        List<DashboardView.Row> perBody = rows(visible, m -> List.of(m.bodyId()), bodyNames::get, Map.of());
        Map<String, Long> openIssues = new TreeMap<>();
        allIssues.stream().filter(i -> "OPEN".equals(i.status()) && viewer.seesIssue(i.region(), i.raisedBy()))
                .forEach(i -> openIssues.merge(i.category(), 1L, Long::sum));
        List<DashboardView.Row> perCategory = rows(visible, m -> categories(m, issueById), k -> k, openIssues);
        List<DashboardView.Row> perRegion = rows(visible, m -> List.of(m.region()), k -> k, Map.of());
        DashboardView.Row national = rows(visible, m -> List.of(NATIONAL), k -> "Česká republika", Map.of()).stream().findFirst()
                .orElse(new DashboardView.Row(NATIONAL, "Česká republika", 0, 0, 0, 0, 0, null));
        return new DashboardView(viewer.institution(), myOpen, myOverdue, perBody, perCategory, perRegion, national);
    }

    private static List<String> categories(MeasureView m, Map<String, IssueView> issues) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : m.addresses() == null ? List.<String>of() : m.addresses()) {
            IssueView i = issues.get(id);
            if (i != null) {
                out.add(i.category());
            }
        }
        return new ArrayList<>(out);
    }

    static boolean open(MeasureView m) {
        return "ADOPTED".equals(m.status()) || "IN_PROGRESS".equals(m.status());
    }

    private static List<DashboardView.Row> rows(List<MeasureView> measures, Function<MeasureView, List<String>> keys, Function<String, String> label,
                                                Map<String, Long> openIssues) {
        Map<String, long[]> counts = new TreeMap<>();
        openIssues.keySet().forEach(k -> counts.computeIfAbsent(k, x -> new long[5]));
        for (MeasureView m : measures) {
            for (String k : keys.apply(m)) {
                long[] c = counts.computeIfAbsent(k == null ? "?" : k, x -> new long[5]);
                c[0]++;
                if (open(m)) {
                    c[1]++;
                    if (m.overdue()) {
                        c[2]++;
                    }
                } else if ("COMPLETED".equals(m.status()) || "VERIFIED".equals(m.status())) {
                    c[3]++;
                } else {
                    c[4]++;
                }
            }
        }
        List<DashboardView.Row> out = new ArrayList<>();
        counts.forEach((k, c) -> out.add(new DashboardView.Row(k, label.apply(k), c[0], c[1], c[2], c[3], c[4],
                openIssues.isEmpty() ? null : openIssues.getOrDefault(k, 0L))));
        return out;
    }

    @QueryHandler
    public DashboardView initial(DashboardQueries.DashboardUpdates q) {
        return dashboard(new DashboardQueries.Dashboard(new Viewer(false, q.institution(), Set.of(), Set.of()), null));
    }
}
