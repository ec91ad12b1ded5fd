package cz.souhra.infra.store;

/**
 * The store did not answer in time. {@code outcomeUnknown} when a command was already on its way to the
 * store: it may still be recorded when the store comes back, so the caller must look before repeating it.
 */
public class StoreUnavailableException extends RuntimeException {

    private final boolean outcomeUnknown;

    public StoreUnavailableException(String message, boolean outcomeUnknown) {
        super(message, null, false, false);
        this.outcomeUnknown = outcomeUnknown;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /**
     * Whether a store error code is the embedded store refusing a command because it cannot write its files
     * (full or failing disk; {@link GuardedBackend}); {@link #isFaultWithUnknownOutcome} when the command's
     * record was logged but the log's sync failed.
     */
    public static boolean isFault(int code) {
        return code == StoreFaultException.CODE || code == StoreFaultException.CODE_OUTCOME_UNKNOWN;
    }

    public static boolean isFaultWithUnknownOutcome(int code) {
        return code == StoreFaultException.CODE_OUTCOME_UNKNOWN;
    }
}
