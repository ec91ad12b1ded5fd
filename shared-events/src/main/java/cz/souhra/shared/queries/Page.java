package cz.souhra.shared.queries;

import java.util.List;

/** A page of a register: the items, the total that matched, and where this page stands. */
public record Page<T>(List<T> items, long total, int page, int size) {}
