package cz.souhra.infra.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.mongodb.client.model.Filters;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;
import cz.souhra.infra.documents.seal.SealReports;
import cz.souhra.infra.documents.seal.TestSealAuthority;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.validation.reports.Reports;

/**
 * The minutes download with a seal configured (test PKI, in-process authority): a closed meeting's minutes come
 * sealed at B-T, a meeting not yet closed gets its minutes unsealed and costs no timestamp, and while the
 * authority fails the download is a 503 problem in Czech or English instead of an unsealed file.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SealedMinutesHttpTest {

    static final Path DATA = TestApplication.newDataDir("souhra-sealed-minutes");
    static final TestSealAuthority AUTHORITY = TestSealAuthority.start(TestApplication.newDataDir("souhra-seal-pki"));
    static final String SECRETARY_PASSWORD = "pecet-na-zapisu-pod-jestedem-3";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, DATA, "spravce-pecete-u-nisy-11");
        r.add("souhra.demo", () -> "true");
        r.add("souhra.demo-passwords.secretary", () -> SECRETARY_PASSWORD);
        r.add("souhra.minutes.seal.keystore", () -> AUTHORITY.keystore().toString());
        r.add("souhra.minutes.seal.keystore-password", AUTHORITY::password);
        r.add("souhra.minutes.seal.tsa-url", AUTHORITY::tsaUrl);
        r.add("souhra.minutes.seal.tsa-timeout", () -> "PT5S");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    WebTestClient secretary;

    @BeforeAll
    void client() {
        secretary = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60))
                .defaultHeaders(h -> h.setBasicAuth("tajemnice", SECRETARY_PASSWORD)).build();
    }

    @AfterAll
    void stop() {
        AUTHORITY.close();
    }

    @Test
    void closed_minutes_come_sealed_open_ones_unsealed_and_a_failing_authority_is_a_503_problem_in_czech_and_english() {
        Document closed = await().atMost(Duration.ofSeconds(60)).until(
                () -> mongo.getCollection("meeting_view").find(Filters.and(Filters.eq("status", "CLOSED"), Filters.exists("checkpoint.digest"))).first(),
                d -> d != null);
        java.util.Map<?, ?> scheduled = secretary.post().uri("/api/meetings").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Map.of("bodyId", closed.getString("bodyId"), "startsAt", "2026-12-20T09:00:00Z", "place", "KÚ Liberec"))
                .exchange().expectStatus().is2xxSuccessful().expectBody(java.util.Map.class).returnResult().getResponseBody();
        Document open = await().atMost(Duration.ofSeconds(30)).until(
                () -> mongo.getCollection("meeting_view").find(Filters.eq("_id", scheduled.get("id"))).first(), d -> d != null);

        int stamps = AUTHORITY.stamps();
        byte[] sealed = minutes(closed);
        assertThat(AUTHORITY.stamps()).isEqualTo(stamps + 1);
        Reports reports = SealReports.of(sealed, AUTHORITY.root());
        assertThat(reports.getDiagnosticData().getSignatures()).hasSize(1);
        SignatureWrapper seal = reports.getDiagnosticData().getSignatures().get(0);
        assertThat(seal.isSignatureIntact()).isTrue();
        assertThat(reports.getDiagnosticData().getSignatureFormat(seal.getId())).isEqualTo(SignatureLevel.PAdES_BASELINE_T);
        assertThat(seal.getTimestampList()).singleElement().satisfies(t -> {
            assertThat(t.isMessageImprintDataIntact()).isTrue();
            assertThat(t.isSignatureIntact()).isTrue();
        });

        byte[] unsealed = minutes(open);
        assertThat(SealReports.of(unsealed, AUTHORITY.root()).getDiagnosticData().getSignatures()).isEmpty();
        assertThat(AUTHORITY.stamps()).isEqualTo(stamps + 1);

        AUTHORITY.refusing(true);
        try {
            String path = "/api/meetings/" + closed.get("_id") + "/minutes.pdf";
            secretary.get().uri(path).header(HttpHeaders.ACCEPT_LANGUAGE, "cs").exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "60")
                    .expectBody().jsonPath("$.code").isEqualTo("MINUTES_SEAL_UNAVAILABLE")
                    .jsonPath("$.detail").value(d -> assertThat((String) d).contains("autorita časových razítek 127.0.0.1").contains("nebyl vydán"));
            secretary.get().uri(path).header(HttpHeaders.ACCEPT_LANGUAGE, "en").exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectBody().jsonPath("$.code").isEqualTo("MINUTES_SEAL_UNAVAILABLE")
                    .jsonPath("$.detail").value(d -> assertThat((String) d).contains("time-stamping authority 127.0.0.1").contains("No file was issued"));
        } finally {
            AUTHORITY.refusing(false);
        }
        assertThat(SealReports.of(minutes(closed), AUTHORITY.root()).getDiagnosticData().getSignatures()).hasSize(1);
    }

    private byte[] minutes(Document meeting) {
        return secretary.get().uri("/api/meetings/" + meeting.get("_id") + "/minutes.pdf").exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF).expectBody(byte[].class).returnResult().getResponseBody();
    }
}
