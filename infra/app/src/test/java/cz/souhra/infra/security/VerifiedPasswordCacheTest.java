package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedPasswordCacheTest {

    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            bcryptChecks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    private final cz.souhra.query.TestClock clock = new cz.souhra.query.TestClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final VerifiedPasswordCache cache = new VerifiedPasswordCache(counting, Duration.ofMinutes(5), clock);

    @Test
    void given_a_verified_password_when_presented_again_then_accepted_without_a_second_bcrypt_check() {
        String hash = bcrypt.encode("heslo-uradu-prace-1");
        assertThat(cache.matches("heslo-uradu-prace-1", hash)).isTrue();
        assertThat(cache.matches("heslo-uradu-prace-1", hash)).isTrue();
        assertThat(bcryptChecks).hasValue(1);
    }

    @Test
    void given_a_verified_password_when_a_wrong_one_is_presented_then_refused_after_a_full_bcrypt_check() {
        String hash = bcrypt.encode("heslo-uradu-prace-1");
        cache.matches("heslo-uradu-prace-1", hash);
        assertThat(cache.matches("heslo-uradu-prace-2", hash)).isFalse();
        assertThat(bcryptChecks).hasValue(2);
    }

    @Test
    void given_a_changed_password_when_the_old_one_is_presented_then_refused() {
        String oldHash = bcrypt.encode("stare-heslo-123");
        cache.matches("stare-heslo-123", oldHash);
        String newHash = bcrypt.encode("nove-heslo-456");
        assertThat(cache.matches("stare-heslo-123", newHash)).isFalse();
        assertThat(cache.matches("nove-heslo-456", newHash)).isTrue();
    }

    @Test
    void given_a_remembered_check_when_its_time_has_passed_then_bcrypt_is_asked_again() {
        String hash = bcrypt.encode("heslo-uradu-prace-1");
        cache.matches("heslo-uradu-prace-1", hash);
        clock.advance(Duration.ofMinutes(6));
        assertThat(cache.matches("heslo-uradu-prace-1", hash)).isTrue();
        assertThat(bcryptChecks).hasValue(2);
    }

    @Test
    void given_a_refused_password_then_nothing_is_remembered() {
        String hash = bcrypt.encode("heslo-uradu-prace-1");
        cache.matches("spatne-heslo", hash);
        cache.matches("spatne-heslo", hash);
        assertThat(bcryptChecks).hasValue(2);
    }
}
