package cz.souhra.infra.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Slows password guessing without letting a guesser lock the owner out. Two rules, both checked before a
 * password is looked at:
 * <ul>
 *   <li>Per user name and client address: {@code maxFailures} failures are free; after that every further
 *       attempt from that address for that name waits {@code failureDelay}, doubling with each failure up to
 *       {@code failureDelayMax}. The owner at another address is not affected, so hammering {@code admin}
 *       from one machine does not stop the administrator at theirs. A success, or an administrator's
 *       {@link #unlock}, clears the name.</li>
 *   <li>Per client address: at most {@code addressFailures} failures within {@code addressWindow}, over all
 *       names, so spraying one password across many names is limited as well.</li>
 * </ul>
 * Every attempt reserves its failure before the password is checked and gives it back only on success:
 * parallel guesses cannot slip past the count while the first ones are still being checked. Unknown names
 * are counted like known ones, so the throttle does not tell which names exist.
 * <p>
 * Kept in memory on purpose: a restart forgives, and no attacker can fill the store with failure records.
 * Both tables are bounded (Caffeine, {@value #MAX_TRACKED} entries) and forget a name or address that has
 * been quiet for {@code failureWindow} or {@code addressWindow}.
 */
@Component
public class LoginThrottle {

    static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration failureDelay;
    private final Duration failureDelayMax;
    private final int addressFailures;
    private final Duration addressWindow;
    private final Cache<Key, Backoff> pairs;
    private final Cache<String, Deque<Instant>> addresses;

    private record Key(String user, String address) {}

    /** Failures of one name from one address; mutated only inside the cache's atomic compute. */
    private static final class Backoff {
        int failures;
        Instant notBefore = Instant.MIN;
    }

    public LoginThrottle(Clock clock, SecurityProperties properties) {
        this.clock = clock;
        this.maxFailures = properties.maxFailures();
        this.failureDelay = properties.failureDelay();
        this.failureDelayMax = properties.failureDelayMax();
        this.addressFailures = properties.addressFailures();
        this.addressWindow = properties.addressWindow();
        this.pairs = cache(properties.failureWindow());
        this.addresses = cache(addressWindow);
    }

    private <K, V> Cache<K, V> cache(Duration quiet) {
        return Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterWrite(quiet)
                // the injected clock, so a test can pass the time; upkeep in the calling thread, not the common pool
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .<K, V>build();
    }

    /**
     * One login attempt: either refused (not to be checked) for {@link Attempt#retryAfter()}, or allowed with
     * its failure already counted; the caller settles it with {@link Attempt#succeeded()} or
     * {@link Attempt#cancelled()} (an answer that was no password check, such as a store error).
     */
    public Attempt attempt(String username, String address) {
        Key key = new Key(name(username), address == null ? "" : address);
        Instant now = clock.instant();
        Instant[] previous = new Instant[1];
        Duration[] wait = {Duration.ZERO};
        pairs.asMap().compute(key, (k, b) -> {
            Backoff backoff = b == null ? new Backoff() : b;
            if (now.isBefore(backoff.notBefore)) {
                wait[0] = Duration.between(now, backoff.notBefore);
                return backoff;
            }
            previous[0] = backoff.notBefore;
            backoff.failures++;
            if (backoff.failures >= maxFailures) {
                backoff.notBefore = now.plus(delay(backoff.failures - maxFailures));
            }
            return backoff;
        });
        if (!wait[0].isZero()) {
            return new Attempt(key, null, null, wait[0]);
        }
        Duration addressWait = reserveAddress(key.address(), now);
        if (!addressWait.isZero()) {
            release(key, previous[0]);
            return new Attempt(key, null, null, addressWait);
        }
        return new Attempt(key, previous[0], now, Duration.ZERO);
    }

    /** {@code failureDelay × 2^n}, at most {@code failureDelayMax}. */
    private Duration delay(int beyondFree) {
        Duration d = failureDelay;
        for (int i = 0; i < beyondFree && d.compareTo(failureDelayMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(failureDelayMax) > 0 ? failureDelayMax : d;
    }

    private Duration reserveAddress(String address, Instant now) {
        Duration[] wait = {Duration.ZERO};
        addresses.asMap().compute(address, (a, f) -> {
            Deque<Instant> failures = f == null ? new ArrayDeque<>() : f;
            Instant horizon = now.minus(addressWindow);
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
                failures.removeFirst();
            }
            if (failures.size() >= addressFailures) {
                wait[0] = Duration.between(now, failures.peekFirst().plus(addressWindow));
            } else {
                failures.addLast(now);
            }
            return failures;
        });
        return wait[0];
    }

    private void release(Key key, Instant previousNotBefore) {
        pairs.asMap().computeIfPresent(key, (k, b) -> {
            b.failures = Math.max(0, b.failures - 1);
            if (previousNotBefore != null) {
                b.notBefore = previousNotBefore;
            }
            return b.failures == 0 ? null : b;
        });
    }

    private void releaseAddress(String address, Instant reserved) {
        addresses.asMap().computeIfPresent(address, (a, f) -> {
            f.removeLastOccurrence(reserved);
            return f.isEmpty() ? null : f;
        });
    }

    /** Forgets every failure of this name, from every address; the addresses' own limits stay. */
    public void unlock(String username) {
        String name = name(username);
        pairs.asMap().keySet().removeIf(k -> k.user().equals(name));
    }

    /** Whether the name waits at any address: what an administrator's unlock would clear. */
    public boolean isThrottledAnywhere(String username) {
        String name = name(username);
        Instant now = clock.instant();
        return pairs.asMap().entrySet().stream().anyMatch(e -> e.getKey().user().equals(name) && now.isBefore(e.getValue().notBefore));
    }

    int trackedPairs() {
        pairs.cleanUp();
        return (int) pairs.estimatedSize();
    }

    private static String name(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }

    /** One attempt's reservation; settle it once. */
    public final class Attempt {
        private final Key key;
        private final Instant previousNotBefore;
        private final Instant addressReservation;
        private final Duration retryAfter;

        private Attempt(Key key, Instant previousNotBefore, Instant addressReservation, Duration retryAfter) {
            this.key = key;
            this.previousNotBefore = previousNotBefore;
            this.addressReservation = addressReservation;
            this.retryAfter = retryAfter;
        }

        public boolean refused() {
            return !retryAfter.isZero();
        }

        /** How long until this name may try again from this address (zero when allowed). */
        public Duration retryAfter() {
            return retryAfter;
        }

        /** The right password: the name's failures from this address are forgiven, the address gets its reservation back. */
        public void succeeded() {
            if (!refused()) {
                pairs.invalidate(key);
                releaseAddress(key.address(), addressReservation);
            }
        }

        /** Not a password check after all (the store failed): neither counter keeps this attempt. */
        public void cancelled() {
            if (!refused()) {
                release(key, previousNotBefore);
                releaseAddress(key.address(), addressReservation);
            }
        }
    }
}
