package cz.souhra.query.audit;

import java.util.List;

/**
 * The answer of a verification: OK with the number of entries and the head digest per region, or the
 * first broken position and what is wrong there.
 */
public record VerificationReport(boolean ok, long entries, List<RegionResult> regions) {

    public enum Problem {
        /** The event's payload differs from what was chained. */
        EVENT_PAYLOAD_EDITED,
        /** The event's metadata (actor, institution, region …) differs. */
        EVENT_METADATA_EDITED,
        /**
         * Events changed places: a chained event now stands at another sequence number of its aggregate
         * (sequence numbers swapped), its timestamp was moved (timestamps swapped), or export lines were
         * put in another order.
         */
        EVENT_REORDERED,
        /** Another field that identifies the event (type, payload type, revision, event id) changed. */
        EVENT_ALTERED,
        /** A chained event is no longer in the event store. */
        EVENT_MISSING,
        /** The event store holds an event the ledger never chained, older than the ledger's head. */
        EVENT_INSERTED,
        /** An attachment's bytes (in the store, or exported next to the file) do not hash to the SHA-256 its chained event records. */
        ATTACHMENT_BYTES_EDITED,
        /** A ledger entry does not hash to its own chain value or does not link to its predecessor. */
        LEDGER_ENTRY_ALTERED,
        /** A position in the chain is missing or doubled. */
        LEDGER_GAP,
        /** A checkpoint recorded in the store (printed on minutes) differs from the chain at its position: the chain was recomputed. */
        CHECKPOINT_MISMATCH,
        /** A head of a head file written outside the store differs from the chain at its position. */
        ANCHOR_MISMATCH,
        /** A checkpoint or head names a position beyond the chain's end: entries were cut off. */
        LEDGER_TRUNCATED,
        /** Offline only: a line's region is not the region its metadata names. */
        EVENT_REGION_MISMATCH,
        /** Offline only: a line of the export file is not an export entry. */
        EXPORT_UNREADABLE,
        /** Offline only: the export holds no entry, so there is nothing that could be verified. */
        EXPORT_EMPTY,
        /** Offline only: the checkpoint digest given is no chain value of the export. */
        CHECKPOINT_NOT_FOUND
    }

    public record RegionResult(String region, boolean ok, long entries, String headDigest, Long firstBrokenPosition,
                               Problem problem, String detail) {}
}
