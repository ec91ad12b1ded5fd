package cz.souhra.shared.queries;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Status of one measure as the read side knows it: who owns it, by when, how far it is, whether it is
 * overdue. {@code version} is the aggregate sequence of the last event applied (clients send it back in
 * If-Match); {@code lastRecordedAt} is that event's store timestamp.
 */
public record MeasureView(String measureId, String region, String bodyId, String meetingId, String resolutionId, String title,
                          String description, String owner, LocalDate dueDate, String status, int percent, boolean overdue,
                          Instant adoptedAt, String lastNote, List<String> addresses, String decisionBasis, long version,
                          Instant lastRecordedAt) {}
