package cz.souhra.shared.queries;

import java.util.List;

/** A page of meetings (concrete, because query response types are matched without generics). */
public record MeetingPage(List<MeetingView> items, long total, int page, int size) {}
