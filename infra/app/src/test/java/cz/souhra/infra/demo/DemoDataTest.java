package cz.souhra.infra.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.model.Filters;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;
import cz.souhra.query.audit.LedgerVerifier;

/** With souhra.demo=true the Liberec demo is recorded through the commands, verifiably, and only once. */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DemoDataTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, TestApplication.newDataDir("souhra-demo"), "ukazkova-lipa-u-reky-42");
        r.add("souhra.demo", () -> "true");
        r.add("souhra.demo-passwords.secretary", () -> SECRETARY_PASSWORD);
    }

    static final String SECRETARY_PASSWORD = "zapis-z-porady-pod-lipou-7";

    @Autowired
    cz.souhra.infra.security.UserStore users;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder encoder;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    DemoData demo;

    @Autowired
    LedgerVerifier verifier;

    @Test
    void given_demo_flag_when_started_then_liberec_region_with_a_closed_meeting_and_measures_is_recorded_once_and_verifies() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(mongo.getCollection("institutions").countDocuments()).isEqualTo(14);
            assertThat(mongo.getCollection("bodies").countDocuments()).isEqualTo(3);
            assertThat(mongo.getCollection("measure_status").countDocuments()).isEqualTo(3);
            assertThat(mongo.getCollection("meeting_view").find(Filters.eq("status", "CLOSED")).first()).isNotNull();
            assertThat(mongo.getCollection("meeting_view").find(Filters.exists("checkpoint.digest")).first()).isNotNull();
        });
        long events = mongo.getCollection("domainevents").countDocuments();
        ApplicationArguments none = new DefaultApplicationArguments();
        demo.run(none);
        assertThat(mongo.getCollection("domainevents").countDocuments()).isEqualTo(events);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection("ledger").countDocuments() >= events);
        assertThat(verifier.verify((d, t) -> { }).ok()).isTrue();
    }

    @Test
    void every_demo_role_has_an_account_that_can_log_in_with_the_configured_or_a_generated_password() {
        var secretary = users.find("tajemnice").orElseThrow();
        assertThat(secretary.isEnabled()).isTrue();
        assertThat(encoder.matches(SECRETARY_PASSWORD, secretary.getPassword())).isTrue();
        // secretary of the three demo bodies, the platform among them
        assertThat(secretary.actor().secretaryOf()).hasSize(3);
        assertThat(secretary.actor().roles()).contains(cz.souhra.shared.Actor.Role.SECRETARY);
        var member = users.find("mml").orElseThrow();
        assertThat(member.actor().institution()).isEqualTo("MML");
        assertThat(member.actor().roles()).containsExactly(cz.souhra.shared.Actor.Role.MEMBER);
        assertThat(member.getPassword()).isNotBlank();
        assertThat(encoder.matches(SECRETARY_PASSWORD, member.getPassword())).isFalse();
        var auditor = users.find("auditor").orElseThrow();
        assertThat(auditor.actor().roles()).containsExactly(cz.souhra.shared.Actor.Role.AUDITOR);
        assertThat(auditor.getPassword()).isNotBlank();
    }
}
