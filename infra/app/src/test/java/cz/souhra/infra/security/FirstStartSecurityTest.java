package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cz.souhra.infra.SouhraApplication;

/**
 * First start on an empty store without SOUHRA_ADMIN_PASSWORD: a one-time password is printed once, it
 * opens the admin account, and none of the passwords an attacker would try first does.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class FirstStartSecurityTest {

    static final Path DATA_DIR;

    static {
        SouhraApplication.disableUpdateChecker();
        try {
            DATA_DIR = Files.createTempDirectory("souhra-first-start");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("souhra.data-dir", DATA_DIR::toString);
        // Explicitly empty, so that an SOUHRA_ADMIN_PASSWORD in the developer's environment cannot leak in.
        r.add("souhra.admin-password", () -> "");
        r.add("souhra.overdue.initial-delay", () -> "PT1H");
    }

    @LocalServerPort
    int port;

    @Autowired
    AdminBootstrap bootstrap;

    @Autowired
    LoginThrottle throttle;

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void first_start_without_admin_password_prints_a_one_time_password_once_and_it_opens_the_admin_account(CapturedOutput output)
            throws Exception {
        // The context started within this class's capture, so its start-up log is in the output.
        Matcher m = Pattern.compile("one-time password:\\s+(\\S+)").matcher(output.getAll());
        assertThat(m.find()).as("a one-time password in the start-up log").isTrue();
        String printed = m.group(1);
        assertThat(printed).hasSize(20);
        assertThat(m.find()).as("printed only once").isFalse();

        client().get().uri("/api/me").headers(h -> h.setBasicAuth("admin", printed)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.user").isEqualTo("admin").jsonPath("$.roles[0]").isEqualTo("ADMIN");

        // A second run of the bootstrap (as at the next start) finds users and prints nothing.
        int before = countOccurrences(output.getAll(), "one-time password");
        bootstrap.run(null);
        assertThat(countOccurrences(output.getAll(), "one-time password")).isEqualTo(before);
    }

    @Test
    void no_well_known_password_opens_the_admin_account() {
        for (String guess : List.of("", "admin", "Admin", "password", "admin123", "souhra", "Souhra123", "heslo", "changeme", "123456",
                "administrator", "root", "secret")) {
            // Forgive earlier guesses: this test is about the passwords, not about the throttle.
            throttle.unlock("admin");
            client().get().uri("/api/me").headers(h -> h.setBasicAuth("admin", guess)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
        }
    }

    private static int countOccurrences(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
