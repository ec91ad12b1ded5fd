package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

import reactor.core.publisher.Mono;

/**
 * The login throttle on a running Souhra: a guesser slows themselves, not the account's owner. Each test
 * guesses from its own loopback address (127.0.0.x), so the per-address limits of one test never touch
 * another test's requests, which come from 127.0.0.1.
 */
class LoginThrottlingTest extends SecuredApplicationTest {

    @Autowired
    cz.souhra.query.TestClock clock;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    ReactiveUserDetailsService userDetails;

    @Autowired
    ReactiveAuthenticationManager authentication;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void wrong_passwords_for_admin_from_one_address_do_not_stop_admin_at_another() {
        String attacker = "127.0.0.11";
        for (int i = 0; i < 5; i++) {
            from(attacker, "admin", "hadam-heslo-" + i).get().uri("/api/me").exchange().expectStatus().isUnauthorized();
        }
        // The attacker's address now waits, and is answered without a password check, even with the right one.
        from(attacker, "admin", ADMIN_PASSWORD).get().uri("/api/me").header("Accept-Language", "en").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("LOGIN_THROTTLED")
                .jsonPath("$.detail").isEqualTo("Too many failed logins; try again in 1 s.")
                .jsonPath("$.messageCs").isEqualTo("Příliš mnoho neúspěšných přihlášení; zkuste to znovu za 1 s.");
        // The administrator at their own machine is not slowed at all.
        from("127.0.0.12", "admin", ADMIN_PASSWORD).get().uri("/api/me").exchange().expectStatus().isOk();
        admin().get().uri("/api/me").exchange().expectStatus().isOk();

        // Each further failure doubles the wait at the attacker's address: 1 s, then 2 s, then 4 s.
        clock.advance(Duration.ofSeconds(1));
        from(attacker, "admin", "hadam-dal").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
        from(attacker, "admin", ADMIN_PASSWORD).get().uri("/api/me").exchange().expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "2");
        clock.advance(Duration.ofSeconds(2));
        from(attacker, "admin", "hadam-zase").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
        from(attacker, "admin", ADMIN_PASSWORD).get().uri("/api/me").exchange().expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "4");

        // Once the wait is over, the right password opens the account and clears the name at that address.
        clock.advance(Duration.ofSeconds(4));
        from(attacker, "admin", ADMIN_PASSWORD).get().uri("/api/me").exchange().expectStatus().isOk();
        from(attacker, "admin", "preklep").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
        from(attacker, "admin", ADMIN_PASSWORD).get().uri("/api/me").exchange().expectStatus().isOk();
    }

    @Test
    void spraying_one_password_across_many_names_from_one_address_is_limited() {
        String sprayer = "127.0.0.13";
        // 30 failures within 10 minutes per address (SecurityProperties' defaults); each name fails only once.
        for (int i = 0; i < 30; i++) {
            from(sprayer, "sprej-" + i, "Leto2026-heslo!").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
        }
        from(sprayer, "sprej-dalsi", "Leto2026-heslo!").get().uri("/api/me").header("Accept-Language", "en").exchange()
                .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("LOGIN_THROTTLED");
        // A real account from that address is refused too while the limit holds: the password is not even checked.
        from(sprayer, "admin", ADMIN_PASSWORD).get().uri("/api/me").exchange().expectStatus().isEqualTo(429);
        // Other addresses are not affected.
        from("127.0.0.14", "sprej-dalsi", "Leto2026-heslo!").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
        admin().get().uri("/api/me").exchange().expectStatus().isOk();

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        from(sprayer, "admin", ADMIN_PASSWORD).get().uri("/api/me").exchange().expectStatus().isOk();
    }

    @Test
    void forty_parallel_wrong_guesses_get_exactly_the_five_free_password_checks() throws Exception {
        ensureUser("parallel-target", "souhlasne-Veslo-na-rece-5", "KULK", "MEMBER");
        String guesser = "127.0.0.15";
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Integer>> guesses = IntStream.range(0, 40).<Callable<Integer>>mapToObj(i -> () -> {
                start.await();
                return from(guesser, "parallel-target", "hadani-" + i).get().uri("/api/me").exchange()
                        .returnResult(Void.class).getStatus().value();
            }).toList();
            List<Future<Integer>> answers = guesses.stream().map(pool::submit).toList();
            start.countDown();
            int checked = 0;
            int refused = 0;
            for (Future<Integer> a : answers) {
                int status = a.get();
                if (status == 401) {
                    checked++;
                } else if (status == 429) {
                    refused++;
                }
            }
            // A 401 is an answer after a password check; a 429 is given before one. The clock stands still here,
            // so after the fifth reserved failure every other guess waits.
            assertThat(checked).as("password checks").isEqualTo(5);
            assertThat(refused).as("refused unchecked").isEqualTo(35);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_administrator_unlocks_a_throttled_name_at_once_and_nobody_else_may() {
        ensureUser("zapomnetliva", "zapomnetliva-Lucerna-u-potoka-3", "KULK", "MEMBER");
        String owner = "127.0.0.16";
        for (int i = 0; i < 5; i++) {
            from(owner, "zapomnetliva", "nevim-" + i).get().uri("/api/me").exchange().expectStatus().isUnauthorized();
        }
        from(owner, "zapomnetliva", "zapomnetliva-Lucerna-u-potoka-3").get().uri("/api/me").exchange().expectStatus().isEqualTo(429);

        ensureUser("unlock-member", "cizi-Lucerna-u-potoka-4", "KULK", "MEMBER");
        as("unlock-member", "cizi-Lucerna-u-potoka-4").post().uri("/api/admin/users/zapomnetliva/unlock").exchange().expectStatus().isForbidden();
        admin().post().uri("/api/admin/users/zapomnetliva/unlock").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.wasThrottled").isEqualTo(true);

        from(owner, "zapomnetliva", "zapomnetliva-Lucerna-u-potoka-3").get().uri("/api/me").exchange().expectStatus().isOk();
        admin().post().uri("/api/admin/users/zapomnetliva/unlock").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.wasThrottled").isEqualTo(false);
    }

    @Test
    void an_unknown_name_is_checked_against_a_bcrypt_hash_like_a_known_one() {
        var unknown = userDetails.findByUsername("nikdo-takovy").block();
        var known = userDetails.findByUsername("admin").block();
        assertThat(unknown).isNotNull();
        assertThat(unknown.getPassword()).startsWith("{bcrypt}$2");
        // the same bcrypt cost as a real account's hash, so the check takes the same time
        assertThat(unknown.getPassword().substring(0, 14)).isEqualTo(known.getPassword().substring(0, 14));
        assertThat(encoder.matches("", unknown.getPassword())).isFalse();
    }

    @Test
    void a_disabled_account_answers_like_a_wrong_password_whether_or_not_the_password_is_right() {
        ensureUser("vypnuta", "vypnuta-Konvice-na-kamnech-8", "KULK", "MEMBER");
        admin().post().uri("/api/admin/users/vypnuta/disable").exchange().expectStatus().isAccepted();
        for (String password : List.of("vypnuta-Konvice-na-kamnech-8", "uplne-jine-heslo-12")) {
            throttle.unlock("vypnuta");
            Throwable refusal = authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("vypnuta", password))
                    .then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block();
            assertThat(refusal).as(password).isInstanceOf(BadCredentialsException.class);
        }
        throttle.unlock("vypnuta");
        anonymous().get().uri("/api/me").headers(h -> h.setBasicAuth("vypnuta", "vypnuta-Konvice-na-kamnech-8")).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
    }
}
