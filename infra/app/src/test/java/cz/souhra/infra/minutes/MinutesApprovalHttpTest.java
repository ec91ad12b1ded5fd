package cz.souhra.infra.minutes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;
import cz.souhra.infra.reminders.MinutesPeriodJob;
import cz.souhra.query.audit.OfflineExportVerifier;

/**
 * The approval of the minutes over HTTP, with a clock the test moves: verifiers named among those present,
 * refusals as problems (not the secretary, not present, not a verifier, an open objection, a stale draft,
 * already final, after the period), a correction, two confirmations, the final PDF/A with its verifiers
 * and a checkpoint the offline verifier accepts; and a period that ends by the schedule without objections.
 */
@SpringBootTest(classes = {SouhraApplication.class, MinutesApprovalHttpTest.MovableClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MinutesApprovalHttpTest {

    static final Path DATA_DIR = TestApplication.newDataDir("souhra-minutes");
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Configuration
    static class MovableClock {
        @Bean
        @Primary
        Clock movableClock() {
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

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, DATA_DIR, "zluty-kocour-na-plote-7");
        r.add("souhra.minutes.initial-delay", () -> "PT1000H");
    }

    @LocalServerPort
    int port;

    @Autowired
    MinutesPeriodJob periodJob;

    WebTestClient admin;
    WebTestClient secretary;
    WebTestClient kraj;
    WebTestClient uprace;
    WebTestClient policie;
    WebTestClient auditor;
    String body;
    String meeting;

    private WebTestClient as(String user, String password) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60))
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    private String post(WebTestClient client, String path, String json, int status) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
        return answer == null ? null : String.valueOf(answer.get("id"));
    }

    /** A refusal: its status, a problem body with the code (and field), in English when asked. */
    private void refused(WebTestClient client, String path, String json, int status, String code, String field, String detail) {
        var body = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "en").bodyValue(json).exchange()
                .expectStatus().isEqualTo(status).expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.code").isEqualTo(code).jsonPath("$.status").isEqualTo(status);
        if (field != null) {
            body.jsonPath("$.field").isEqualTo(field);
        }
        if (detail != null) {
            body.jsonPath("$.detail").isEqualTo(detail);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> approval(String id) {
        Map<String, Object> m = secretary.get().uri("/api/meetings/" + id).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
        return (Map<String, Object>) m.get("minutesApproval");
    }

    private void awaitApproval(String id, java.util.function.Predicate<Map<String, Object>> shown) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Map<String, Object> a = approval(id);
            return a != null && shown.test(a);
        });
    }

    /** A meeting held two days ago with KULK and UPLB (by a substitute) present, KRPL excused, its minutes recorded and closed. */
    private String closedMeeting(String minutes) {
        Instant start = NOW.get().minus(Duration.ofDays(2));
        String id = post(secretary, "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"" + start + "\",\"place\":\"KÚ Liberec\"}", 201);
        post(secretary, "/api/meetings/" + id + "/convene", "{\"convenedAt\":\"" + start + "\",\"attendance\":["
                + "{\"institution\":\"KULK\",\"status\":\"DELEGATE\",\"delegate\":\"Mgr. Jana Nováková\"},"
                + "{\"institution\":\"UPLB\",\"status\":\"SUBSTITUTE\",\"delegate\":\"Eva Malá\",\"substitute\":\"Ing. Petr Dvořák\"},"
                + "{\"institution\":\"KRPL\",\"status\":\"EXCUSED\",\"delegate\":\"Karel Říha\"}]}", 202);
        post(secretary, "/api/meetings/" + id + "/minutes", "{\"text\":\"" + minutes + "\"}", 202);
        post(secretary, "/api/meetings/" + id + "/close", "{\"closedAt\":\"" + start.plus(Duration.ofHours(2)) + "\"}", 202);
        await().atMost(Duration.ofSeconds(20)).until(() -> secretary.get().uri("/api/meetings/" + id).exchange().expectBody(Map.class).returnResult()
                .getResponseBody().get("checkpoint") != null);
        return id;
    }

    @BeforeAll
    void world() {
        admin = as("admin", "zluty-kocour-na-plote-7");
        for (String[] i : new String[][] {{"KULK", "REGION_OFFICE", "Krajský úřad Libereckého kraje"}, {"UPLB", "LABOUR_OFFICE", "Úřad práce ČR – Liberec"},
                {"KRPL", "POLICE", "Krajské ředitelství policie Libereckého kraje"}}) {
            post(admin, "/api/institutions", "{\"code\":\"" + i[0] + "\",\"region\":\"LBK\",\"kind\":\"" + i[1] + "\",\"name\":\"" + i[2] + "\"}", 201);
        }
        body = post(admin, "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Pracovní skupina ubytovny\"}", 201);
        for (String member : new String[] {"KULK", "UPLB", "KRPL"}) {
            post(admin, "/api/bodies/" + body + "/members", "{\"institution\":\"" + member + "\"}", 202);
        }
        post(admin, "/api/admin/users", "{\"user\":\"tajemnice\",\"password\":\"zapis-z-porady-pod-javorem-1\",\"institution\":\"KULK\",\"roles\":[\"SECRETARY\"]}", 201);
        post(admin, "/api/admin/users", "{\"user\":\"kraj\",\"password\":\"krajsky-urad-na-namesti-2\",\"institution\":\"KULK\",\"roles\":[\"MEMBER\"]}", 201);
        post(admin, "/api/admin/users", "{\"user\":\"uprace\",\"password\":\"heslo-uradu-prace-1\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"]}", 201);
        post(admin, "/api/admin/users", "{\"user\":\"policie\",\"password\":\"hlidka-u-stareho-dubu-123\",\"institution\":\"KRPL\",\"roles\":[\"MEMBER\"]}", 201);
        post(admin, "/api/admin/users", "{\"user\":\"auditor\",\"password\":\"kontrola-zapisu-u-smrku-3\",\"roles\":[\"AUDITOR\"]}", 201);
        post(admin, "/api/bodies/" + body + "/secretaries", "{\"user\":\"tajemnice\"}", 202);
        secretary = as("tajemnice", "zapis-z-porady-pod-javorem-1");
        kraj = as("kraj", "krajsky-urad-na-namesti-2");
        uprace = as("uprace", "heslo-uradu-prace-1");
        policie = as("policie", "hlidka-u-stareho-dubu-123");
        auditor = as("auditor", "kontrola-zapisu-u-smrku-3");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> uprace.get().uri("/api/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.regions[0]").isEqualTo("LBK"));
        meeting = closedMeeting("Zmapováno 12 z 30 ubytoven.");
    }

    @Test
    @Order(1)
    void the_secretary_names_verifiers_among_those_present_and_the_period_ends_seven_days_later() {
        String path = "/api/meetings/" + meeting + "/minutes/verification";
        refused(uprace, path, "{\"verifiers\":[\"KULK\",\"UPLB\"]}", 403, "NOT_SECRETARY", null, null);
        refused(secretary, path, "{\"verifiers\":[\"KULK\",\"KRPL\"]}", 422, "MINUTES_VERIFIER_NOT_PRESENT", "verifiers[1]",
                "Field \"verifiers[1]\": institution KRPL was not present at the meeting; verifiers are named among those present.");
        refused(secretary, path, "{\"verifiers\":[]}", 400, "VALIDATION", null, null);
        post(secretary, path, "{\"verifiers\":[\"KULK\",\"UPLB\"]}", 202);
        refused(secretary, path, "{\"verifiers\":[\"KULK\"]}", 409, "MINUTES_VERIFICATION_STARTED", null, null);
        awaitApproval(meeting, a -> "IN_VERIFICATION".equals(a.get("status")));
        Map<String, Object> a = approval(meeting);
        assertThat(Instant.parse((String) a.get("deadline"))).isEqualTo(NOW.get().plus(Duration.ofDays(7)));
        assertThat(a.get("verifiers").toString()).contains("Mgr. Jana Nováková").contains("Ing. Petr Dvořák");
    }

    @Test
    @Order(2)
    void an_objection_a_correction_and_two_confirmations_make_the_minutes_final_and_every_refusal_is_a_problem() {
        String base = "/api/meetings/" + meeting + "/minutes";
        refused(policie, base + "/confirm", "{\"version\":1}", 403, "NOT_MINUTES_VERIFIER", null, null);
        auditor.post().uri(base + "/confirm").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"version\":1}").exchange().expectStatus().isForbidden();
        post(uprace, base + "/objections", "{\"version\":1,\"text\":\"Zmapováno bylo 13 ubytoven, ne 12.\"}", 202);
        refused(uprace, base + "/confirm", "{\"version\":1}", 409, "MINUTES_OBJECTION_OPEN", null, null);
        refused(secretary, base + "/objections/7/note", "{\"note\":\"Není\"}", 422, "MINUTES_OBJECTION_UNKNOWN", "objection", null);
        refused(secretary, base + "/draft", "{\"text\":\"Zmapováno 12 z 30 ubytoven.\"}", 422, "MINUTES_DRAFT_UNCHANGED", "text", null);
        NOW.set(NOW.get().plus(Duration.ofHours(20)));
        post(secretary, base + "/draft", "{\"text\":\"Zmapováno 13 z 30 ubytoven.\",\"note\":\"Opraven počet podle námitky\"}", 202);
        refused(kraj, base + "/confirm", "{\"version\":1}", 409, "MINUTES_VERSION_STALE", "version",
                "Field \"version\": draft 1 is no longer the current one; read draft 2 first.");
        NOW.set(NOW.get().plus(Duration.ofHours(1)));
        post(uprace, base + "/confirm", "{\"version\":2}", 202);
        refused(uprace, base + "/confirm", "{\"version\":2}", 409, "MINUTES_ALREADY_CONFIRMED", null, null);
        Instant finalAt = NOW.get().plus(Duration.ofHours(1));
        NOW.set(finalAt);
        post(kraj, base + "/confirm", "{\"version\":2}", 202);
        refused(kraj, base + "/objections", "{\"version\":2,\"text\":\"Pozdě\"}", 409, "MINUTES_ALREADY_FINAL", null, null);
        refused(secretary, base + "/draft", "{\"text\":\"Jinak\"}", 409, "MINUTES_ALREADY_FINAL", null, null);

        awaitApproval(meeting, a -> "FINAL".equals(a.get("status")));
        Map<String, Object> a = approval(meeting);
        assertThat(a.get("basis")).isEqualTo("ALL_CONFIRMED");
        assertThat(a.get("text")).isEqualTo("Zmapováno 13 z 30 ubytoven.");
        assertThat(Instant.parse((String) a.get("approvedAt"))).isEqualTo(finalAt);
        assertThat(a.get("drafts").toString()).contains("Zmapováno 12 z 30 ubytoven.").contains("Zmapováno 13 z 30 ubytoven.");
        assertThat(a.get("objections").toString()).contains("CORRECTED").contains("Zmapováno bylo 13 ubytoven, ne 12.");
        // every step is in the meeting's history with the acting account
        String history = secretary.get().uri("/api/meetings/" + meeting + "/history").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(history).contains("MinutesVerificationStarted").contains("MinutesObjectionRaised").contains("MinutesDraftCorrected")
                .contains("MinutesConfirmed").contains("MinutesApproved").contains("\"uprace\"").contains("\"kraj\"");
    }

    @Test
    @Order(3)
    void the_final_pdf_names_the_verifiers_passes_verapdf_and_its_printed_checkpoint_verifies_against_the_export() throws Exception {
        byte[] pdf = uprace.get().uri("/api/meetings/" + meeting + "/minutes.pdf").exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF).expectBody(byte[].class).returnResult().getResponseBody();
        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("Ověřený zápis").doesNotContain("NÁVRH ZÁPISU").contains("Zmapováno 13 z 30 ubytoven.")
                .contains("Mgr. Jana Nováková Krajský úřad Libereckého kraje potvrdil").contains("Ing. Petr Dvořák Úřad práce ČR – Liberec potvrdil")
                .contains("Zápis ověřili všichni ověřovatelé").contains("Vyřízeno opravou: návrh č. 2 – Opraven počet podle námitky");
        org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider.initialise();
        try (var parser = org.verapdf.pdfa.Foundries.defaultInstance().createParser(new java.io.ByteArrayInputStream(pdf));
             var validator = org.verapdf.pdfa.Foundries.defaultInstance().createValidator(parser.getFlavour(), false)) {
            var result = validator.validate(parser);
            assertThat(result.getTestAssertions().stream().filter(x -> x.getStatus() != org.verapdf.pdfa.results.TestAssertion.Status.PASSED)
                    .map(x -> x.getRuleId().getClause() + " " + x.getMessage()).distinct().toList()).as("PDF/A-3a violations").isEmpty();
            assertThat(result.isCompliant()).isTrue();
        }
        String printed = cz.souhra.infra.documents.MinutesPdfApprovalTest.printedCheckpoint(text);
        assertThat(printed).as("checkpoint printed as REGION:POSITION:DIGEST").startsWith("LBK:");
        byte[] export = auditor.get().uri("/api/audit/export.jsonl").exchange().expectStatus().isOk().expectBody(byte[].class).returnResult()
                .getResponseBody();
        Path file = Files.createTempFile(DATA_DIR, "export", ".jsonl");
        Files.write(file, export);
        OfflineExportVerifier.Result verified = OfflineExportVerifier.verify(file, printed);
        assertThat(verified.ok()).as(String.valueOf(verified.problem())).isTrue();
        assertThat(verified.checkpointFound()).isTrue();
        String[] parts = printed.split(":");
        String wrongPosition = parts[0] + ":" + (Long.parseLong(parts[1]) + 1) + ":" + parts[2];
        assertThat(OfflineExportVerifier.verify(file, wrongPosition).checkpointFound()).as("the digest at another position").isFalse();
    }

    @Test
    @Order(4)
    void a_period_that_ends_without_objections_makes_the_minutes_final_at_its_end_by_the_schedule_and_later_answers_are_refused() {
        String second = closedMeeting("Druhé jednání: informace vzaty na vědomí.");
        post(secretary, "/api/meetings/" + second + "/minutes/verification", "{\"verifiers\":[\"UPLB\"]}", 202);
        awaitApproval(second, a -> "IN_VERIFICATION".equals(a.get("status")));
        Instant deadline = Instant.parse((String) approval(second).get("deadline"));
        assertThat(periodJob.run()).as("nothing ends before the deadline").isZero();
        NOW.set(deadline.plus(Duration.ofMinutes(5)));
        refused(uprace, "/api/meetings/" + second + "/minutes/confirm", "{\"version\":1}", 409, "MINUTES_PERIOD_ENDED", null,
                "The period for verifying the minutes ended at " + deadline + ".");
        assertThat(periodJob.run()).isEqualTo(1);
        awaitApproval(second, a -> "FINAL".equals(a.get("status")));
        Map<String, Object> a = approval(second);
        assertThat(a.get("basis")).isEqualTo("PERIOD_ENDED");
        assertThat(Instant.parse((String) a.get("approvedAt"))).isEqualTo(deadline);
        assertThat(periodJob.run()).as("a final meeting is not sent again").isZero();
    }
}
