package cz.souhra.infra.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import cz.souhra.infra.attachments.Files4Tests;
import cz.souhra.infra.documents.seal.PdfSeal;
import cz.souhra.infra.documents.seal.SealProperties;
import cz.souhra.infra.documents.seal.SealReports;
import cz.souhra.infra.documents.seal.TestSealAuthority;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.enumerations.TimestampType;
import eu.europa.esig.dss.validation.reports.Reports;

/**
 * The minutes PDF/A-3a sealed with a test PKI and an in-process RFC 3161 authority: still PDF/A-3a for veraPDF,
 * and for DSS a PAdES baseline signature whose seal and timestamp are intact and whose timestamp covers it; a
 * byte changed afterwards is reported; without a timestamp no file is given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SealedMinutesTest {

    @TempDir
    static Path dir;

    TestSealAuthority authority;
    byte[] minutes;

    @BeforeAll
    void setUp() {
        authority = TestSealAuthority.start(dir);
        byte[] program = Files4Tests.pdf(2000);
        Document meeting = new Document("_id", "m1").append("bodyId", "b1").append("status", "CLOSED").append("place", "KÚ Liberec")
                .append("startsAt", "2026-03-10T09:00:00Z").append("region", "LBK").append("minutes", "Přítomní se shodli na postupu; řešení úkolů pokračuje.")
                .append("checkpoint", new Document("position", 715).append("digest", "c".repeat(64)));
        minutes = new MinutesPdf().render(meeting, new Document("_id", "b1").append("name", "Pracovní skupina pro zaměstnanost"), Map.of(),
                List.of(new MinutesPdf.Attached("Pozvánka a program.pdf", "application/pdf", program.length, "a".repeat(64),
                        Instant.parse("2026-03-01T08:00:00Z"), program)));
    }

    @AfterAll
    void tearDown() {
        authority.close();
    }

    @Test
    void sealed_minutes_stay_pdf_a_3a_and_dss_finds_an_intact_seal_with_an_intact_timestamp_covering_it_at_baseline_t() throws Exception {
        int before = authority.stamps();
        byte[] sealed = PdfSeal.open(authority.settings()).seal(minutes, "Zápis z jednání – elektronická pečeť původce");

        // an incremental update: the minutes as rendered are the head of the sealed file, byte for byte
        assertThat(Arrays.copyOf(sealed, minutes.length)).isEqualTo(minutes);
        assertThat(authority.stamps()).isEqualTo(before + 1);

        var pdfA = SealReports.pdfA(sealed);
        assertThat(pdfA.getKey()).isEqualTo("3a");
        assertThat(pdfA.getValue()).as("PDF/A-3a violations of the sealed file").isEmpty();

        Reports reports = SealReports.of(sealed, authority.root());
        DiagnosticData diagnostic = reports.getDiagnosticData();
        assertThat(diagnostic.getSignatures()).hasSize(1);
        SignatureWrapper seal = diagnostic.getSignatures().get(0);
        assertThat(seal.isSignatureIntact()).as("seal intact").isTrue();
        assertThat(seal.isSignatureValid()).as("seal valid").isTrue();
        assertThat(seal.isBLevelTechnicallyValid()).isTrue();
        assertThat(seal.getSigningCertificate().getId()).isNotNull();
        assertThat(seal.getSigningCertificate().getCertificateDN()).contains("Krajský úřad Testovacího kraje");
        assertThat(diagnostic.getSignatureFormat(seal.getId())).isEqualTo(SignatureLevel.PAdES_BASELINE_T);
        assertThat(seal.isThereTLevel()).isTrue();
        assertThat(seal.isTLevelTechnicallyValid()).isTrue();

        List<TimestampWrapper> stamps = seal.getTimestampListByType(TimestampType.SIGNATURE_TIMESTAMP);
        assertThat(stamps).hasSize(1);
        TimestampWrapper stamp = stamps.get(0);
        assertThat(stamp.isMessageImprintDataFound()).isTrue();
        assertThat(stamp.isMessageImprintDataIntact()).as("the timestamp's imprint matches the seal's signature value").isTrue();
        assertThat(stamp.isSignatureIntact()).as("timestamp intact").isTrue();
        assertThat(stamp.isSignatureValid()).isTrue();
        assertThat(stamp.getTimestampedSignatures()).extracting(SignatureWrapper::getId).containsExactly(seal.getId());
        assertThat(stamp.getProductionTime().toInstant()).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
        // Chained to the trusted test root; without revocation data for the seal certificate a B-T seal is not yet
        // conclusive under DSS's default policy, which is why a deployment reaches for B-LTA.
        assertThat(reports.getSimpleReport().getIndication(seal.getId())).isIn(Indication.TOTAL_PASSED, Indication.INDETERMINATE);
        assertThat(reports.getSimpleReport().getSubIndication(seal.getId())).isNotIn(SubIndication.HASH_FAILURE, SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void a_byte_changed_after_sealing_is_reported_by_dss_as_a_hash_failure() throws Exception {
        byte[] sealed = PdfSeal.open(authority.settings()).seal(minutes, "Zápis z jednání – elektronická pečeť původce");
        byte[] changed = sealed.clone();
        int at = indexOf(changed, "Pracovn".getBytes(StandardCharsets.US_ASCII));
        changed[at] = 'p';

        Reports reports = SealReports.of(changed, authority.root());
        SignatureWrapper seal = reports.getDiagnosticData().getSignatures().get(0);
        assertThat(reports.getSimpleReport().getIndication(seal.getId())).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(reports.getSimpleReport().getSubIndication(seal.getId())).isEqualTo(SubIndication.HASH_FAILURE);
        assertThat(seal.isSignatureIntact() && seal.getDigestMatchers().stream().allMatch(m -> m.isDataIntact()))
                .as("DSS sees the signed bytes changed").isFalse();
    }

    @Test
    void pdfsig_from_poppler_finds_the_seal_valid_and_a_changed_byte_a_digest_mismatch() throws Exception {
        Path pdfsig = Path.of("/usr/bin/pdfsig");
        Assumptions.assumeTrue(Files.isExecutable(pdfsig), "pdfsig (Debian poppler-utils) is not installed on this machine");
        byte[] sealed = PdfSeal.open(authority.settings()).seal(minutes, "Zápis z jednání – elektronická pečeť původce");
        Path file = dir.resolve("sealed.pdf");
        Files.write(file, sealed);
        String report = run(pdfsig.toString(), "-nocert", file.toString());
        assertThat(report).contains("Signature #1").contains("Signature Validation: Signature is Valid.")
                .contains("ETSI.CAdES.detached").contains("Total document signed");

        byte[] changed = sealed.clone();
        changed[indexOf(changed, "Pracovn".getBytes(StandardCharsets.US_ASCII))] = 'p';
        Path tampered = dir.resolve("tampered.pdf");
        Files.write(tampered, changed);
        assertThat(run(pdfsig.toString(), "-nocert", tampered.toString())).contains("Digest Mismatch");
    }

    @Test
    void without_a_timestamp_no_file_is_given_and_the_authority_is_named() throws Exception {
        authority.refusing(true);
        try {
            assertThatThrownBy(() -> PdfSeal.open(authority.settings()).seal(minutes, "r"))
                    .isInstanceOf(PdfSeal.TimestampUnavailable.class)
                    .satisfies(e -> assertThat(((PdfSeal.TimestampUnavailable) e).host()).isEqualTo("127.0.0.1"));
        } finally {
            authority.refusing(false);
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SealProperties s = authority.settings();
        SealProperties unreachable = new SealProperties(s.keystore(), s.keystorePassword(), null, "http://localhost:" + closed + "/tsa",
                null, null, null, Duration.ofSeconds(2), "B-T", null);
        assertThatThrownBy(() -> PdfSeal.open(unreachable).seal(minutes, "r"))
                .isInstanceOf(PdfSeal.TimestampUnavailable.class)
                .hasMessageContaining("localhost");
    }

    @Test
    void b_lta_adds_the_chain_s_revocation_data_and_a_document_timestamp_and_stays_pdf_a_3a() throws Exception {
        SealProperties s = authority.settings();
        SealProperties lta = new SealProperties(s.keystore(), s.keystorePassword(), "pecet", s.tsaUrl(), null, null, null,
                Duration.ofSeconds(5), "B-LTA", authority.trustAnchors());
        int before = authority.stamps();
        byte[] sealed = PdfSeal.open(lta).seal(minutes, "Zápis z jednání – elektronická pečeť původce");
        assertThat(authority.stamps()).as("signature timestamp and document timestamp").isEqualTo(before + 2);

        assertThat(SealReports.pdfA(sealed).getValue()).as("PDF/A-3a violations of the B-LTA file").isEmpty();
        Reports reports = SealReports.of(sealed, authority.root());
        DiagnosticData diagnostic = reports.getDiagnosticData();
        SignatureWrapper seal = diagnostic.getSignatures().get(0);
        assertThat(diagnostic.getSignatureFormat(seal.getId())).isEqualTo(SignatureLevel.PAdES_BASELINE_LTA);
        assertThat(seal.isSignatureIntact()).isTrue();
        assertThat(seal.getTimestampListByType(TimestampType.SIGNATURE_TIMESTAMP)).hasSize(1);
        TimestampWrapper archive = seal.getTimestampListByType(TimestampType.DOCUMENT_TIMESTAMP).stream().findFirst()
                .orElseGet(() -> seal.getTimestampListByType(TimestampType.ARCHIVE_TIMESTAMP).get(0));
        assertThat(archive.isMessageImprintDataIntact()).isTrue();
        assertThat(archive.isSignatureIntact()).isTrue();
        // with the root trusted and the CRLs embedded, nothing is left open
        assertThat(reports.getSimpleReport().getIndication(seal.getId())).isEqualTo(Indication.TOTAL_PASSED);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i <= in.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + new String(what, StandardCharsets.US_ASCII));
    }
}
