package cz.souhra.shared;

/**
 * Metadata keys every event carries. The actor and institution come from the authenticated principal
 * at the HTTP edge, never from a request body; aggregates add the region so the ledger can chain
 * events per region without reading payloads.
 */
public final class MetaKeys {
    /** User name of the person who acted. */
    public static final String USER = "user";
    /** Institution (code) the acting user acted for. */
    public static final String INSTITUTION = "institution";
    /** The institution recorded for what the system does by itself (the overdue schedule): no institution acted. */
    public static final String SYSTEM_INSTITUTION = "system";
    /** Region code the fact belongs to. */
    public static final String REGION = "region";
    /** Correlation id; Axon's MessageOriginProvider copies it from command to events. */
    public static final String CORRELATION_ID = "correlationId";
    /** ISO-8601 instant when the fact happened in the world, set when it differs from the recorded time. */
    public static final String EFFECTIVE_AT = "effectiveAt";

    private MetaKeys() {}
}
