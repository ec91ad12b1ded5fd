package cz.souhra.infra.security;

import java.time.Duration;

import org.springframework.security.authentication.LockedException;

/** A login attempt refused by the {@link LoginThrottle} before its password was checked. */
class LoginThrottledException extends LockedException {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("throttled");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up and at least one: what {@code Retry-After} says. */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
