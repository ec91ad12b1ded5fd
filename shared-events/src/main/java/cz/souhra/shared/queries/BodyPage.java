package cz.souhra.shared.queries;

import java.util.List;

/** A page of bodies. */
public record BodyPage(List<BodyView> items, long total, int page, int size) {}
