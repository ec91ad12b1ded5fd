package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The throttle's arithmetic without a server: waits, their cap, the per-address window, giving back. */
class LoginThrottleTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(clock,
            new SecurityProperties(true, "", 5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofHours(1), 30, Duration.ofMinutes(10),
                    Duration.ZERO));

    /** A failed attempt: allowed, checked, wrong (its reservation stays). */
    private boolean fail(String user, String address) {
        return !throttle.attempt(user, address).refused();
    }

    @Test
    void waits_double_after_the_free_failures_up_to_the_cap() {
        for (int i = 0; i < 5; i++) {
            assertThat(fail("jana", "10.0.0.1")).isTrue();
        }
        long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};
        for (long seconds : expected) {
            assertThat(throttle.attempt("jana", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
            clock.advance(Duration.ofSeconds(seconds));
            assertThat(fail("jana", "10.0.0.1")).isTrue();
        }
    }

    @Test
    void the_name_at_another_address_and_another_name_at_the_same_address_are_not_slowed() {
        for (int i = 0; i < 5; i++) {
            fail("jana", "10.0.0.1");
        }
        assertThat(throttle.attempt("jana", "10.0.0.1").refused()).isTrue();
        assertThat(throttle.attempt("jana", "10.0.0.2").refused()).isFalse();
        assertThat(throttle.attempt("petr", "10.0.0.1").refused()).isFalse();
    }

    @Test
    void names_are_counted_without_regard_to_case() {
        for (int i = 0; i < 5; i++) {
            fail(i % 2 == 0 ? "Jana" : "jana", "10.0.0.1");
        }
        assertThat(throttle.attempt("JANA", "10.0.0.1").refused()).isTrue();
    }

    @Test
    void an_address_gets_thirty_failures_in_ten_minutes_over_all_names_then_waits_for_the_oldest_to_leave() {
        for (int i = 0; i < 30; i++) {
            assertThat(fail("name-" + i, "10.0.0.9")).isTrue();
            clock.advance(Duration.ofSeconds(10));
        }
        LoginThrottle.Attempt refused = throttle.attempt("name-new", "10.0.0.9");
        assertThat(refused.refused()).isTrue();
        // the first failure was 300 s ago and leaves the 600 s window in 300 s
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(300));
        // the refused attempt reserved nothing for its name
        assertThat(throttle.attempt("name-new", "10.0.0.8").refused()).isFalse();
        clock.advance(Duration.ofSeconds(300));
        assertThat(throttle.attempt("name-new", "10.0.0.9").refused()).isFalse();
    }

    @Test
    void a_success_forgives_the_name_at_that_address_and_gives_the_address_its_reservation_back() {
        for (int i = 0; i < 4; i++) {
            fail("jana", "10.0.0.1");
        }
        throttle.attempt("jana", "10.0.0.1").succeeded();
        for (int i = 0; i < 4; i++) {
            assertThat(fail("jana", "10.0.0.1")).isTrue();
        }
        // 8 failures and one success from the address: 22 more failures still fit in its 30
        for (int i = 0; i < 22; i++) {
            assertThat(fail("other-" + i, "10.0.0.1")).isTrue();
        }
        assertThat(throttle.attempt("other-x", "10.0.0.1").refused()).isTrue();
    }

    @Test
    void a_cancelled_attempt_counts_for_neither_the_name_nor_the_address() {
        for (int i = 0; i < 4; i++) {
            fail("jana", "10.0.0.1");
        }
        for (int i = 0; i < 10; i++) {
            throttle.attempt("jana", "10.0.0.1").cancelled();
        }
        assertThat(fail("jana", "10.0.0.1")).isTrue();
        assertThat(throttle.attempt("jana", "10.0.0.1").refused()).isTrue();
    }

    @Test
    void unlock_clears_the_name_at_every_address() {
        for (int i = 0; i < 5; i++) {
            fail("jana", "10.0.0.1");
            fail("jana", "10.0.0.2");
        }
        assertThat(throttle.isThrottledAnywhere("jana")).isTrue();
        throttle.unlock("Jana");
        assertThat(throttle.isThrottledAnywhere("jana")).isFalse();
        assertThat(throttle.attempt("jana", "10.0.0.1").refused()).isFalse();
        assertThat(throttle.attempt("jana", "10.0.0.2").refused()).isFalse();
    }

    @Test
    void a_quiet_name_is_forgotten_after_the_failure_window() {
        for (int i = 0; i < 5; i++) {
            fail("jana", "10.0.0.1");
        }
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(throttle.trackedPairs()).isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(fail("jana", "10.0.0.1")).isTrue();
        }
    }
}
