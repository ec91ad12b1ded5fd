package cz.souhra.shared.queries;

import java.util.List;

/** A page of the institution register. */
public record InstitutionPage(List<InstitutionView> items, long total, int page, int size) {}
