package cz.souhra.infra.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins of one user name within
 * {@link #WINDOW}, further attempts are refused until the oldest failure leaves the window. Kept in memory
 * on purpose: a restart forgives, and no attacker can fill the store with failure records.
 */
@Component
public class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    public boolean isBlocked(String username) {
        Deque<Instant> f = failures.get(key(username));
        if (f == null) {
            return false;
        }
        synchronized (f) {
            prune(f);
            return f.size() >= MAX_FAILURES;
        }
    }

    public void failed(String username) {
        Deque<Instant> f = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (f) {
            prune(f);
            f.addLast(clock.instant());
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private void prune(Deque<Instant> f) {
        Instant horizon = clock.instant().minus(WINDOW);
        while (!f.isEmpty() && f.peekFirst().isBefore(horizon)) {
            f.removeFirst();
        }
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
    }
}
