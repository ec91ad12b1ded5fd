package cz.souhra.shared.queries;

import java.util.List;

/** A page of the issue register. */
public record IssuePage(List<IssueView> items, long total, int page, int size) {}
