package cz.souhra.shared.queries;

import java.util.List;

/**
 * At a glance: what the viewer's institution owes (open and overdue measures), and counts per body, per
 * issue category and per region with the national roll-up ({@code national}).
 */
public record DashboardView(String institution, List<MeasureView> myOpen, List<MeasureView> myOverdue, List<Row> perBody,
                            List<Row> perCategory, List<Row> perRegion, Row national) {

    /** Counts of measures under one key; {@code issuesOpen} only on category rows. */
    public record Row(String key, String label, long total, long open, long overdue, long completed, long cancelled, Long issuesOpen) {}
}
