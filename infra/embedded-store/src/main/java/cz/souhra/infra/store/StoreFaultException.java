package cz.souhra.infra.store;

/**
 * The store's files could not be written (disk full, I/O error, read-only file system), or the opening of
 * them that failed is being replaced. The command was refused before it took effect, unless
 * {@link #outcomeUnknown()}: its record reached the write-ahead log but the log's sync failed, so it is
 * replayed if the record reached the disk. The driver sees the error document {@link GuardedBackend} makes
 * of it (code {@link #CODE} or {@link #CODE_OUTCOME_UNKNOWN}).
 */
final class StoreFaultException extends RuntimeException {

    /** Error codes outside MongoDB's own, with the code names the application recognizes. */
    static final int CODE = 8_503;
    static final String CODE_NAME = "SouhraStoreUnavailable";
    static final int CODE_OUTCOME_UNKNOWN = 8_504;
    static final String CODE_NAME_OUTCOME_UNKNOWN = "SouhraStoreUnavailableOutcomeUnknown";

    private final boolean outcomeUnknown;

    StoreFaultException(Throwable fault, boolean outcomeUnknown) {
        super(describe(fault), fault, false, false);
        this.outcomeUnknown = outcomeUnknown;
    }

    boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** The fault in one line: its innermost message names the condition (e.g. "No space left on device"). */
    static String describe(Throwable fault) {
        if (fault == null) {
            return "the store is being reopened";
        }
        Throwable root = fault;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // e.g. "IOException: No space left on device", "NoSuchFileException: /data/souhra.wal.383" (creating a
        // file on a full tmpfs), "MVStoreException: Writing to ... failed"
        String message = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return root == fault ? message : message + " (in " + fault.getClass().getSimpleName() + ")";
    }
}
