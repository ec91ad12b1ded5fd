package cz.souhra.infra.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.model.Filters;

import cz.souhra.command.measure.OverdueSchedule;
import cz.souhra.infra.SouhraApplication;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * Reminders against an in-process SMTP server, on the embedded durable store, across a restart of the
 * whole application on the same data directory, with a clock the test moves. Each reminder must arrive
 * exactly once: the 14- and 3-day reminders and the overdue one to the owner institution's members, the
 * digest before the meeting to the body's secretary.
 */
class ReminderMailTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    /** A clock the test moves; the application's own {@code Clock} bean is replaced by it. */
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-12-10T08:00:00Z"));

    @Configuration
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return Clock.fixed(NOW.get(), zone);
                }

                @Override
                public Instant instant() {
                    return NOW.get();
                }
            };
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        SouhraApplication.disableUpdateChecker();
        // Command-line arguments, not default properties: those would lose to application.yml.
        return new SpringApplicationBuilder(SouhraApplication.class, TestClock.class).run(
                "--server.port=0",
                "--souhra.data-dir=" + dataDir,
                "--souhra.admin-password=zluty-kocour-na-plote-7",
                "--souhra.overdue.initial-delay=PT1000H", "--souhra.overdue.midnight-cron=-",
                "--souhra.reminders.initial-delay=PT1000H",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--souhra.reminders.from=souhra@kraj-lbc.example");
    }

    private static WebTestClient client(ConfigurableApplicationContext app, String user, String password) {
        String port = app.getEnvironment().getProperty("local.server.port");
        // No silent retry of a POST on a dropped connection: a create must be sent exactly once here.
        return WebTestClient.bindToServer(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                        reactor.netty.http.client.HttpClient.create().disableRetry(true))).baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    @SuppressWarnings("unchecked")
    private static String post(WebTestClient client, String path, String json) {
        Map<String, Object> body = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
        return body == null ? null : String.valueOf(body.get("id"));
    }

    private static List<String> newMail(int[] seen, String... expectedSubjectParts) throws Exception {
        MimeMessage[] all = smtp.getReceivedMessages();
        List<String> out = new ArrayList<>();
        for (int i = seen[0]; i < all.length; i++) {
            out.add(Arrays.stream(all[i].getRecipients(Message.RecipientType.TO)).map(Object::toString).sorted().toList() + " " + all[i].getSubject());
        }
        seen[0] = all.length;
        return out;
    }

    @Test
    void given_measure_and_meeting_when_days_pass_across_a_restart_then_each_reminder_is_mailed_exactly_once() throws Exception {
        Path dataDir = Files.createTempDirectory("souhra-reminders");
        int[] seen = {0};
        String measure;
        String body;
        try (ConfigurableApplicationContext app = start(dataDir)) {
            WebTestClient admin = client(app, "admin", "zluty-kocour-na-plote-7");
            post(admin, "/api/institutions", "{\"code\":\"KULK\",\"region\":\"LBK\",\"kind\":\"REGION_OFFICE\",\"name\":\"Krajský úřad Libereckého kraje\"}");
            post(admin, "/api/institutions", "{\"code\":\"UPLB\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Úřad práce – krajská pobočka v Liberci\"}");
            body = post(admin, "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Pracovní skupina ubytovny\",\"meetingsPerYear\":4}");
            post(admin, "/api/bodies/" + body + "/members", "{\"institution\":\"KULK\"}");
            post(admin, "/api/bodies/" + body + "/members", "{\"institution\":\"UPLB\"}");
            post(admin, "/api/admin/users", "{\"user\":\"tajemnice\",\"password\":\"zapis-z-porady-pod-javorem-1\",\"institution\":\"KULK\",\"roles\":[\"SECRETARY\"],\"email\":\"tajemnice@kraj-lbc.example\"}");
            post(admin, "/api/admin/users", "{\"user\":\"uprace\",\"password\":\"heslo-uradu-prace-1\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"],\"email\":\"novakova@uprace.example\"}");
            post(admin, "/api/admin/users", "{\"user\":\"uprace2\",\"password\":\"heslo-uradu-prace-2\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"]}");
            post(admin, "/api/admin/users", "{\"user\":\"kulk\",\"password\":\"krajsky-urad-u-lipy-12345\",\"institution\":\"KULK\",\"roles\":[\"MEMBER\"],\"email\":\"kraj@kraj-lbc.example\"}");
            post(admin, "/api/bodies/" + body + "/secretaries", "{\"user\":\"tajemnice\"}");
            WebTestClient secretary = client(app, "tajemnice", "zapis-z-porady-pod-javorem-1");
            String adopting = post(secretary, "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-12-10T07:00:00Z\",\"place\":\"KÚ Liberec\"}");
            post(secretary, "/api/meetings/" + adopting + "/convene", "{\"attendance\":[{\"institution\":\"KULK\",\"status\":\"DELEGATE\",\"delegate\":\"Jana Nováková\"},"
                    + "{\"institution\":\"UPLB\",\"status\":\"DELEGATE\",\"delegate\":\"Petr Dvořák\"}]}");
            String resolution = post(secretary, "/api/meetings/" + adopting + "/resolutions", "{\"number\":\"1/2026\",\"text\":\"Skupina ukládá Úřadu práce zmapovat ubytovny.\"}");
            measure = post(secretary, "/api/meetings/" + adopting + "/resolutions/" + resolution + "/measures",
                    "{\"title\":\"Zmapovat agenturní ubytovny\",\"owner\":\"UPLB\",\"dueDate\":\"2026-12-31\",\"decisionBasis\":\"Usnesení 1/2026\"}");
            String next = post(secretary, "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-12-12T09:00:00Z\",\"place\":\"Magistrát Liberec\"}");
            post(secretary, "/api/meetings/" + next + "/agenda-items", "{\"title\":\"Situace v ubytovnách\",\"presenter\":\"UPLB\"}");
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection("measure_status").countDocuments(Filters.eq("_id", measure)) == 1
                    && mongo.getCollection("meeting_view").find(Filters.eq("_id", next)).first() != null
                    && !mongo.getCollection("meeting_view").find(Filters.eq("_id", next)).first().getList("agenda", Object.class, List.of()).isEmpty());
            ReminderJob job = app.getBean(ReminderJob.class);

            // 10 December: 21 days before the due date, 2 days before the next meeting: only the digest.
            assertThat(job.run()).isEqualTo(1);
            List<String> mail = newMail(seen);
            assertThat(mail).singleElement().asString().startsWith("[tajemnice@kraj-lbc.example] Souhra: jednání Pracovní skupina ubytovny");
            String digest = (String) smtp.getReceivedMessages()[0].getContent();
            assertThat(digest).contains("Situace v ubytovnách").contains("Zmapovat agenturní ubytovny");

            // 17 December: 14 days before; the member without an address and the other institution get nothing.
            NOW.set(Instant.parse("2026-12-17T07:00:00Z"));
            assertThat(job.run()).isEqualTo(1);
            assertThat(newMail(seen)).containsExactly("[novakova@uprace.example] Souhra: opatření „Zmapovat agenturní ubytovny“ má termín 31. 12. 2026 (za 14 dní)");
            assertThat(job.run()).isZero();
        }

        try (ConfigurableApplicationContext app = start(dataDir)) {
            ReminderJob job = app.getBean(ReminderJob.class);
            // The same day after a restart: nothing again.
            assertThat(job.run()).isZero();

            // 28 December, two nodes at once: the 3-day reminder still goes out once.
            NOW.set(Instant.parse("2026-12-28T07:00:00Z"));
            var pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> runs = pool.invokeAll(List.<Callable<Integer>>of(job::run, job::run));
                assertThat(runs.get(0).get() + runs.get(1).get()).isEqualTo(1);
            } finally {
                pool.shutdown();
            }
            assertThat(newMail(seen)).containsExactly("[novakova@uprace.example] Souhra: opatření „Zmapovat agenturní ubytovny“ má termín 31. 12. 2026 (za 3 dny)");

            // 2 January: the overdue schedule records the fact, the reminder follows once.
            NOW.set(Instant.parse("2027-01-02T07:00:00Z"));
            assertThat(app.getBean(OverdueSchedule.class).checkNow()).isEqualTo(1);
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(mongo.getCollection("measure_status").find(Filters.eq("_id", measure)).first().get("overdue")));
            assertThat(job.run()).isEqualTo(1);
            assertThat(job.run()).isZero();
            assertThat(newMail(seen)).containsExactly("[novakova@uprace.example] Souhra: opatření „Zmapovat agenturní ubytovny“ je po termínu");
        }
        assertThat(smtp.getReceivedMessages()).hasSize(4);
    }
}
