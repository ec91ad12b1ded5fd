package cz.souhra.infra.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code maxFailures} failed logins of one user name within
 * {@code failureWindow}, further attempts are refused (not even checked) until the oldest failure leaves
 * the window. Kept in memory on purpose: a restart forgives, and no attacker can fill the store with
 * failure records. The price of keying by user name is that a guesser can keep one account locked; that
 * is preferred to letting them guess on, and an administrator can still log in under another name.
 */
@Component
public class LoginThrottle {

    /** Beyond this many tracked names, expired ones are swept so random names cannot exhaust memory. */
    static final int SWEEP_ABOVE = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, SecurityProperties properties) {
        this.clock = clock;
        this.maxFailures = properties.maxFailures();
        this.window = properties.failureWindow();
    }

    /** Zero when the name may try now, otherwise how long until it may. */
    public Duration retryAfter(String username) {
        Deque<Instant> f = failures.get(key(username));
        if (f == null) {
            return Duration.ZERO;
        }
        synchronized (f) {
            prune(f);
            if (f.size() < maxFailures) {
                return Duration.ZERO;
            }
            Duration left = Duration.between(clock.instant(), f.peekFirst().plus(window));
            return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
        }
    }

    public boolean isBlocked(String username) {
        return !retryAfter(username).isZero();
    }

    public void failed(String username) {
        if (failures.size() > SWEEP_ABOVE) {
            sweep();
        }
        Deque<Instant> f = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (f) {
            prune(f);
            f.addLast(clock.instant());
            // Only the newest failures matter for the decision; older ones would only cost memory.
            while (f.size() > maxFailures) {
                f.removeFirst();
            }
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    int trackedNames() {
        return failures.size();
    }

    private void sweep() {
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                prune(e.getValue());
                return e.getValue().isEmpty();
            }
        });
    }

    private void prune(Deque<Instant> f) {
        Instant horizon = clock.instant().minus(window);
        while (!f.isEmpty() && !f.peekFirst().isAfter(horizon)) {
            f.removeFirst();
        }
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
