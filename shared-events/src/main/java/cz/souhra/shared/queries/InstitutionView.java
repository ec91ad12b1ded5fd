package cz.souhra.shared.queries;

import java.time.Instant;

/** A member institution of the region's platforms and groups. */
public record InstitutionView(String code, String region, String kind, String name, boolean retired, String retiredReason,
                              Instant registeredAt, long version, Instant lastRecordedAt) {}
