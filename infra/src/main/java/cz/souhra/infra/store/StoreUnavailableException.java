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
}
