package cz.souhra.shared.queries;

import java.util.List;
import java.util.Map;

/**
 * The chain behind a measure: the issues it addresses, the meeting, agenda item and resolution that
 * adopted it, the measure itself and every later event (progress, decisions, closure).
 */
public record LineageView(List<Map<String, Object>> issues, Map<String, Object> adoption, MeasureView measure, List<HistoryEntry> history) {}
