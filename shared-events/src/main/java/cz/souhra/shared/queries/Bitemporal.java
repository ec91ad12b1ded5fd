package cz.souhra.shared.queries;

import java.time.Instant;

/**
 * Both time axes of a register question: what the register knew at {@code knownAt} (recorded time: only
 * events stored up to then) about what was true at {@code validAt} (effective time: only facts that took
 * effect by then; an event without a stated effective time took effect when it was recorded). A null
 * bound does not restrict its axis: {@code knownAt} null = everything recorded so far.
 */
public record Bitemporal(Instant knownAt, Instant validAt) {

    /** Whether an event recorded at {@code recordedAt}, effective at {@code effectiveAt} (null = when recorded), is part of the answer. */
    public boolean includes(Instant recordedAt, Instant effectiveAt) {
        if (knownAt != null && recordedAt.isAfter(knownAt)) {
            return false;
        }
        Instant effective = effectiveAt == null ? recordedAt : effectiveAt;
        return validAt == null || !effective.isAfter(validAt);
    }
}
