package cz.souhra.shared.queries;

import java.util.List;

/** A page of the measure register (a concrete type, because query response types are matched without generics). */
public record MeasurePage(List<MeasureView> items, long total, int page, int size) {}
