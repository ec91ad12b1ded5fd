package cz.souhra.shared.queries;

import java.util.List;

/** A page of history entries in recorded order. */
public record HistoryPage(List<HistoryEntry> items, long total, int page, int size) {}
