package cz.souhra.infra.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Scripts authenticate with HTTP Basic, which sends the password with every request, and bcrypt costs
 * tens of milliseconds of CPU by design: on two cores that capped the whole API at about 20 requests a
 * second (bench: {@code ./bench/run.sh perf}). A successful bcrypt check is therefore remembered for a
 * few minutes as an HMAC-SHA256 of the presented password under a random key that lives only in this
 * process, keyed by the stored hash. A request with the same password against the same stored hash is
 * then accepted without bcrypt.
 *
 * <p>Why this is safe: the plain password is never kept; a password change or reset stores a new hash
 * (new salt), so an old entry can never match again; a wrong password misses and pays the full bcrypt
 * price (and the login throttle); an unknown name is checked against a hash nobody knows, which never
 * succeeds, so it is never remembered and costs the same as before. Disabled accounts and roles are
 * checked by the caller on every request, not here.
 */
final class VerifiedPasswordCache implements PasswordEncoder {

    private static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder delegate;
    private final Duration ttl;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Entry> verified = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private record Entry(byte[] mac, long expiresAtMillis) {}

    VerifiedPasswordCache(PasswordEncoder delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    /** Whether this password was verified against this stored hash within the time, without any bcrypt work. */
    boolean remembered(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        Entry known;
        synchronized (verified) {
            known = verified.get(encodedPassword);
        }
        return known != null && known.expiresAtMillis() > clock.millis() && MessageDigest.isEqual(known.mac(), mac(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        if (remembered(rawPassword, encodedPassword)) {
            return true;
        }
        byte[] mac = mac(rawPassword);
        long now = clock.millis();
        boolean ok = delegate.matches(rawPassword, encodedPassword);
        if (ok) {
            synchronized (verified) {
                verified.put(encodedPassword, new Entry(mac, now + ttl.toMillis()));
            }
        }
        return ok;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private byte[] mac(CharSequence raw) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(raw.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
