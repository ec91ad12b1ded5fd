package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cz.souhra.infra.security.LoginThrottle.Outcome;

/** The throttle's arithmetic without a server: waits, their cap, attempts in flight, the per-address window, giving back. */
class LoginThrottleTest {

    final cz.souhra.query.TestClock clock = new cz.souhra.query.TestClock(Instant.parse("2026-03-02T08:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(clock,
            new SecurityProperties(true, "", 5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofHours(1), 30, Duration.ofMinutes(10),
                    Duration.ZERO));

    private LoginThrottle.Attempt guess(String user, String address) {
        return throttle.attempt(user, address, false);
    }

    /** A wrong password: allowed, checked, settled as a failure. */
    private boolean fail(String user, String address) {
        LoginThrottle.Attempt a = guess(user, address);
        a.failed();
        return a.outcome() == Outcome.ALLOWED;
    }

    @Test
    void waits_double_after_the_free_failures_up_to_the_cap() {
        for (int i = 0; i < 5; i++) {
            assertThat(fail("jana", "10.0.0.1")).isTrue();
        }
        long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};
        for (long seconds : expected) {
            LoginThrottle.Attempt refused = guess("jana", "10.0.0.1");
            assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
            clock.advance(Duration.ofSeconds(seconds));
            assertThat(fail("jana", "10.0.0.1")).isTrue();
        }
    }

    @Test
    void the_name_at_another_address_and_another_name_at_the_same_address_are_not_slowed() {
        for (int i = 0; i < 5; i++) {
            fail("jana", "10.0.0.1");
        }
        assertThat(guess("jana", "10.0.0.1").outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(guess("jana", "10.0.0.2").outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(guess("petr", "10.0.0.1").outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void names_are_counted_without_regard_to_case() {
        for (int i = 0; i < 5; i++) {
            fail(i % 2 == 0 ? "Jana" : "jana", "10.0.0.1");
        }
        assertThat(guess("JANA", "10.0.0.1").outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void beyond_five_attempts_in_flight_the_next_waits_for_one_to_be_settled_and_is_then_refused_if_they_all_failed() {
        List<LoginThrottle.Attempt> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(guess("jana", "10.0.0.1"));
        }
        assertThat(inFlight).allMatch(a -> a.outcome() == Outcome.ALLOWED);
        assertThat(guess("jana", "10.0.0.1").outcome()).isEqualTo(Outcome.BUSY);
        inFlight.forEach(LoginThrottle.Attempt::failed);
        assertThat(guess("jana", "10.0.0.1").outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void beyond_five_attempts_in_flight_the_next_goes_ahead_once_one_of_them_had_the_right_password() {
        List<LoginThrottle.Attempt> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(guess("jana", "10.0.0.1"));
        }
        assertThat(guess("jana", "10.0.0.1").outcome()).isEqualTo(Outcome.BUSY);
        inFlight.get(0).succeeded();
        assertThat(guess("jana", "10.0.0.1").outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void a_remembered_password_reserves_nothing_but_is_refused_while_the_name_waits_or_the_address_is_over_its_limit() {
        for (int i = 0; i < 4; i++) {
            fail("jana", "10.0.0.1");
        }
        for (int i = 0; i < 10; i++) {
            LoginThrottle.Attempt known = throttle.attempt("jana", "10.0.0.1", true);
            assertThat(known.outcome()).isEqualTo(Outcome.ALLOWED);
        }
        // the ten remembered attempts counted nothing: the fifth failure is still free
        assertThat(fail("jana", "10.0.0.1")).isTrue();
        assertThat(throttle.attempt("jana", "10.0.0.1", true).outcome()).isEqualTo(Outcome.REFUSED);

        for (int i = 0; i < 30; i++) {
            fail("sprej-" + i, "10.0.0.9");
        }
        assertThat(throttle.attempt("petr", "10.0.0.9", true).outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void an_address_gets_thirty_failures_in_ten_minutes_over_all_names_then_waits_for_the_oldest_to_leave() {
        for (int i = 0; i < 30; i++) {
            assertThat(fail("name-" + i, "10.0.0.9")).isTrue();
            clock.advance(Duration.ofSeconds(10));
        }
        LoginThrottle.Attempt refused = guess("name-new", "10.0.0.9");
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        // the first failure was 300 s ago and leaves the 600 s window in 300 s
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(300));
        // the refused attempt reserved nothing for its name
        for (int i = 0; i < 4; i++) {
            assertThat(fail("name-new", "10.0.0.8")).isTrue();
        }
        assertThat(guess("name-new", "10.0.0.8").outcome()).isEqualTo(Outcome.ALLOWED);
        clock.advance(Duration.ofSeconds(300));
        assertThat(guess("name-new", "10.0.0.9").outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void a_success_forgives_the_name_at_that_address_and_gives_the_address_its_reservation_back() {
        for (int i = 0; i < 4; i++) {
            fail("jana", "10.0.0.1");
        }
        guess("jana", "10.0.0.1").succeeded();
        for (int i = 0; i < 4; i++) {
            assertThat(fail("jana", "10.0.0.1")).isTrue();
        }
        // 8 failures and one success from the address: 22 more failures still fit in its 30
        for (int i = 0; i < 22; i++) {
            assertThat(fail("other-" + i, "10.0.0.1")).isTrue();
        }
        assertThat(guess("other-x", "10.0.0.1").outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void a_cancelled_attempt_counts_for_neither_the_name_nor_the_address() {
        for (int i = 0; i < 4; i++) {
            fail("jana", "10.0.0.1");
        }
        for (int i = 0; i < 40; i++) {
            guess("jana", "10.0.0.1").cancelled();
        }
        assertThat(fail("jana", "10.0.0.1")).isTrue();
        assertThat(guess("jana", "10.0.0.1").outcome()).isEqualTo(Outcome.REFUSED);
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
        assertThat(guess("jana", "10.0.0.1").outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(guess("jana", "10.0.0.2").outcome()).isEqualTo(Outcome.ALLOWED);
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
