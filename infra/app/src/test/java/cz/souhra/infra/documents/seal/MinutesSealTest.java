package cz.souhra.infra.documents.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import cz.souhra.infra.web.Refusal;

/**
 * What the operator's settings do: nothing set serves the bytes unchanged; a seal set halfway or wrongly stops
 * the start naming the setting; a configured seal whose authority gives no stamp refuses with 503 instead of
 * handing out an unsealed file.
 */
class MinutesSealTest {

    @TempDir
    static Path dir;

    static TestSealAuthority authority;

    @BeforeAll
    static void start() {
        authority = TestSealAuthority.start(dir);
    }

    @AfterAll
    static void stop() {
        authority.close();
    }

    @Test
    void with_no_seal_configured_the_minutes_pass_unchanged() throws Exception {
        MinutesSeal none = new MinutesSeal(new SealProperties(null, null, null, null, null, null, null, null, null, null));
        byte[] pdf = pdf();
        assertThat(none.active()).isFalse();
        assertThat(none.apply(pdf)).isSameAs(pdf);
    }

    @Test
    void a_configured_seal_returns_the_minutes_sealed() throws Exception {
        MinutesSeal seal = new MinutesSeal(authority.settings());
        byte[] pdf = pdf();
        byte[] sealed = seal.apply(pdf);
        assertThat(seal.active()).isTrue();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("/ETSI.CAdES.detached").contains("/ByteRange");
        assertThat(sealed.length).isGreaterThan(pdf.length);
    }

    @Test
    void a_seal_set_halfway_or_wrongly_stops_the_start_naming_the_setting() {
        SealProperties ok = authority.settings();
        assertThatThrownBy(() -> new MinutesSeal(new SealProperties(ok.keystore(), null, null, ok.tsaUrl(), null, null, null, null, null, null)))
                .hasMessageContaining("souhra.minutes.seal.keystore-password").hasMessageContaining("SOUHRA_MINUTES_SEAL_KEYSTORE_PASSWORD");
        assertThatThrownBy(() -> new MinutesSeal(new SealProperties(ok.keystore(), ok.keystorePassword(), null, null, null, null, null, null, null, null)))
                .hasMessageContaining("souhra.minutes.seal.tsa-url");
        assertThatThrownBy(() -> new MinutesSeal(new SealProperties(null, null, null, ok.tsaUrl(), null, null, null, null, null, null)))
                .hasMessageContaining("souhra.minutes.seal.keystore ");
        assertThatThrownBy(() -> new MinutesSeal(new SealProperties(ok.keystore(), "not-the-password", null, ok.tsaUrl(), null, null, null, null, null, null)))
                .hasMessageContaining("does not open as PKCS#12");
        assertThatThrownBy(() -> new MinutesSeal(new SealProperties(ok.keystore(), ok.keystorePassword(), "other", ok.tsaUrl(), null, null, null, null, null, null)))
                .hasMessageContaining("souhra.minutes.seal.alias other");
        assertThatThrownBy(() -> new MinutesSeal(new SealProperties(ok.keystore(), ok.keystorePassword(), null, ok.tsaUrl(), null, null, null, null, "B-LTA", null)))
                .hasMessageContaining("souhra.minutes.seal.trust-anchors");
        assertThatThrownBy(() -> new MinutesSeal(new SealProperties(ok.keystore(), ok.keystorePassword(), null, ok.tsaUrl(), null, null, null, null, "B-B", null)))
                .hasMessageContaining("B-T or B-LTA");
        assertThatThrownBy(() -> new MinutesSeal(new SealProperties(ok.keystore(), ok.keystorePassword(), null, "tsa.example.cz", null, null, null, null, null, null)))
                .hasMessageContaining("http or https URL");
        assertThatThrownBy(() -> new MinutesSeal(new SealProperties(dir.resolve("missing.p12"), "x", null, ok.tsaUrl(), null, null, null, null, null, null)))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void an_authority_that_gives_no_stamp_is_a_503_minutes_seal_unavailable_with_retry_after() throws Exception {
        MinutesSeal seal = new MinutesSeal(new SealProperties(authority.keystore(), authority.password(), null, authority.tsaUrl(), null, null,
                null, Duration.ofSeconds(2), null, null));
        authority.refusing(true);
        try {
            assertThatThrownBy(() -> seal.apply(pdf())).isInstanceOfSatisfying(Refusal.class, r -> {
                assertThat(r.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(r.code()).isEqualTo("MINUTES_SEAL_UNAVAILABLE");
                assertThat(r.args()).containsExactly("127.0.0.1");
                assertThat(r.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
            });
        } finally {
            authority.refusing(false);
        }
    }

    @Test
    void at_b_lta_revocation_data_that_cannot_be_fetched_gives_no_file() throws Exception {
        MinutesSeal seal = new MinutesSeal(new SealProperties(authority.keystore(), authority.password(), null, authority.tsaUrl(), null, null,
                null, Duration.ofSeconds(2), "B-LTA", authority.trustAnchors()));
        authority.crlRefusing(true);
        try {
            // an internal error with a reference for the log, not a file sealed below the configured level
            assertThatThrownBy(() -> seal.apply(pdf())).isNotInstanceOf(Refusal.class).hasMessageContaining("Revocation data is missing");
        } finally {
            authority.crlRefusing(false);
        }
    }

    static byte[] pdf() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.save(out);
        }
        return out.toByteArray();
    }
}
