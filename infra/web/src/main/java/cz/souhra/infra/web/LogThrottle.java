package cz.souhra.infra.web;

import java.time.Duration;

/**
 * Lets one log line through per interval and counts the ones held back, so a condition that fails every
 * request (a store outage) is logged as often as an operator can read it, with how often it happened.
 */
final class LogThrottle {

    private final Duration every;
    private long nextNanos = Long.MIN_VALUE;
    private long heldBack;

    LogThrottle(Duration every) {
        this.every = every;
    }

    Duration every() {
        return every;
    }

    /** The number of lines held back since the last one let through, or -1 if this one is held back too. */
    synchronized long admit() {
        long now = System.nanoTime();
        if (nextNanos != Long.MIN_VALUE && now - nextNanos < 0) {
            heldBack++;
            return -1;
        }
        nextNanos = now + every.toNanos();
        long count = heldBack;
        heldBack = 0;
        return count;
    }
}
