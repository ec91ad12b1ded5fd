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
 * parallel guesses cannot slip past the count while the first ones are still being checked (40 parallel
 * wrong guesses: 5 checks, 35 refusals). Attempts beyond the free ones wait while the free ones are being
 * checked ({@link Outcome#BUSY}) rather than being refused, so a script's parallel requests with the right
 * password are delayed, never turned away; a password already verified for the account (the usual HTTP
 * Basic request) reserves nothing. Unknown names are counted like known ones, so the throttle does not
 * tell which names exist.
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
        int inFlight;
        Instant notBefore = Instant.MIN;
    }

    /** What {@link #attempt} decided. */
    public enum Outcome {
        /** Check the password now; settle the attempt afterwards. */
        ALLOWED,
        /** Answer 429 without checking the password. */
        REFUSED,
        /** The free attempts are all being checked right now: ask again once one of them is settled. */
        BUSY
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
     * One login attempt. {@code remembered}: the password is one this process verified for the account within
     * the last minutes (VerifiedPasswordCache); such an attempt is no guess, so it reserves nothing, but it is
     * refused like any other while the name waits at this address or the address is over its limit, or a
     * guesser could learn from a 200 among the 429s that a guess was right. Any other attempt reserves its
     * failure before the password is checked: at most {@code maxFailures} are checked at once before the
     * first wait, the rest are {@link Outcome#BUSY} until those are settled.
     */
    public Attempt attempt(String username, String address, boolean remembered) {
        Key key = new Key(name(username), address == null ? "" : address);
        Instant now = clock.instant();
        Outcome[] outcome = {Outcome.ALLOWED};
        Instant[] previous = {null};
        Duration[] wait = {Duration.ZERO};
        pairs.asMap().compute(key, (k, b) -> {
            Backoff backoff = b == null ? new Backoff() : b;
            if (now.isBefore(backoff.notBefore)) {
                outcome[0] = Outcome.REFUSED;
                wait[0] = Duration.between(now, backoff.notBefore);
            } else if (remembered) {
                return b;
            } else if (backoff.failures + backoff.inFlight < maxFailures) {
                backoff.inFlight++;
            } else if (backoff.inFlight > 0) {
                outcome[0] = Outcome.BUSY;
            } else {
                // past the free failures and the last wait: one guess now, and the next one only after a longer wait
                previous[0] = backoff.notBefore;
                backoff.inFlight++;
                backoff.notBefore = now.plus(delay(backoff.failures + 1 - maxFailures));
            }
            return backoff;
        });
        if (outcome[0] != Outcome.ALLOWED) {
            return new Attempt(key, outcome[0], wait[0], false, null, null);
        }
        Instant[] reservation = {null};
        addresses.asMap().compute(key.address(), (a, f) -> {
            Deque<Instant> failures = f == null ? new ArrayDeque<>() : f;
            Instant horizon = now.minus(addressWindow);
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
                failures.removeFirst();
            }
            if (failures.size() >= addressFailures) {
                wait[0] = Duration.between(now, failures.peekFirst().plus(addressWindow));
            } else if (!remembered) {
                failures.addLast(now);
                reservation[0] = now;
            }
            return failures.isEmpty() ? null : failures;
        });
        if (!wait[0].isZero()) {
            if (!remembered) {
                settle(key, false, previous[0]);
            }
            return new Attempt(key, Outcome.REFUSED, wait[0], false, null, null);
        }
        return new Attempt(key, Outcome.ALLOWED, Duration.ZERO, !remembered, previous[0], reservation[0]);
    }

    /** Ends an in-flight reservation: as a failure, or given back (restoring the wait it had set). */
    private void settle(Key key, boolean failed, Instant previousNotBefore) {
        Instant now = clock.instant();
        pairs.asMap().compute(key, (k, b) -> {
            Backoff backoff = b == null ? new Backoff() : b;
            backoff.inFlight = Math.max(0, backoff.inFlight - 1);
            if (failed) {
                backoff.failures++;
                if (backoff.failures >= maxFailures) {
                    Instant next = now.plus(delay(backoff.failures - maxFailures));
                    backoff.notBefore = next.isAfter(backoff.notBefore) ? next : backoff.notBefore;
                }
            } else if (previousNotBefore != null) {
                backoff.notBefore = previousNotBefore;
            }
            return backoff.failures == 0 && backoff.inFlight == 0 ? null : backoff;
        });
    }

    /** {@code failureDelay × 2^n}, at most {@code failureDelayMax}. */
    private Duration delay(int beyondFree) {
        Duration d = failureDelay;
        for (int i = 0; i < beyondFree && d.compareTo(failureDelayMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(failureDelayMax) > 0 ? failureDelayMax : d;
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

    /** One attempt's decision and, when allowed, its reservation; settle an allowed one exactly once. */
    public final class Attempt {
        private final Key key;
        private final Outcome outcome;
        private final Duration retryAfter;
        private final boolean reserved;
        private final Instant previousNotBefore;
        private final Instant addressReservation;

        private Attempt(Key key, Outcome outcome, Duration retryAfter, boolean reserved, Instant previousNotBefore, Instant addressReservation) {
            this.key = key;
            this.outcome = outcome;
            this.retryAfter = retryAfter;
            this.reserved = reserved;
            this.previousNotBefore = previousNotBefore;
            this.addressReservation = addressReservation;
        }

        public Outcome outcome() {
            return outcome;
        }

        /** How long until this name may try again from this address (zero unless refused). */
        public Duration retryAfter() {
            return retryAfter;
        }

        /** The right password: the name's failures from this address are forgiven, the address gets its reservation back. */
        public void succeeded() {
            if (outcome == Outcome.ALLOWED) {
                pairs.invalidate(key);
                if (addressReservation != null) {
                    releaseAddress(key.address(), addressReservation);
                }
            }
        }

        /** A wrong password: the reservation becomes a failure of the name here and of the address. */
        public void failed() {
            if (reserved) {
                settle(key, true, null);
            }
        }

        /** Not a password check after all (the store failed): neither counter keeps this attempt. */
        public void cancelled() {
            if (reserved) {
                settle(key, false, previousNotBefore);
                releaseAddress(key.address(), addressReservation);
            }
        }
    }
}
