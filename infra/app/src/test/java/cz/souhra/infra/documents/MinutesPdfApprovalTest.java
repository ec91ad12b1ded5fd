package cz.souhra.infra.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The minutes say where they stand: a draft is marked as a draft, the final minutes name their verifiers
 * with the time each confirmed, every objection with its answer, and print the ledger checkpoint as
 * REGION:POSITION:DIGEST, the form the offline verifiers take; both stay valid PDF/A-3a.
 */
public class MinutesPdfApprovalTest {

    static final String DIGEST = "3f".repeat(32);

    private static Document meeting(Document approval) {
        Document m = new Document("_id", "m1").append("bodyId", "b1").append("region", "LBK").append("status", "CLOSED").append("place", "KÚ Liberec")
                .append("startsAt", "2026-03-10T09:00:00Z").append("convenedAt", "2026-03-10T09:05:00Z")
                .append("present", 2).append("memberCount", 2).append("quorumRequired", 2)
                .append("attendance", List.of(Map.of("institution", "KULK", "status", "DELEGATE", "delegate", "Mgr. Jana Nováková"),
                        Map.of("institution", "UPLB", "status", "SUBSTITUTE", "substitute", "Ing. Petr Dvořák")))
                .append("agenda", List.of()).append("minutes", "Zmapováno 12 z 30 ubytoven.")
                .append("checkpoint", new Document("position", 715).append("digest", DIGEST));
        return approval == null ? m : m.append("minutesApproval", approval);
    }

    private static Document inVerification() {
        List<Object> objections = new ArrayList<>();
        objections.add(new Document("number", 1).append("version", 1).append("institution", "UPLB").append("by", "uprace")
                .append("text", "Bylo jich 13, ne 12.").append("at", "2026-03-12T10:00:00Z").append("state", "CORRECTED").append("answeredVersion", 2)
                .append("note", "Opraven počet"));
        return new Document("status", "IN_VERIFICATION").append("version", 2).append("text", "Zmapováno 13 z 30 ubytoven.")
                .append("startedAt", "2026-03-11T08:00:00Z").append("deadline", "2026-03-20T08:00:00Z")
                .append("verifiers", List.of(new Document("institution", "KULK").append("name", "Mgr. Jana Nováková").append("state", "PENDING"),
                        new Document("institution", "UPLB").append("name", "Ing. Petr Dvořák").append("state", "CONFIRMED")))
                .append("confirmations", List.of(new Document("version", 1).append("institution", "KULK").append("at", "2026-03-11T09:00:00Z"),
                        new Document("version", 2).append("institution", "UPLB").append("at", "2026-03-13T09:30:00Z")))
                .append("objections", objections);
    }

    private static Document approved() {
        Document a = inVerification();
        a.append("status", "FINAL").append("basis", "ALL_CONFIRMED").append("approvedAt", "2026-03-13T14:00:00Z")
                .append("confirmations", List.of(new Document("version", 1).append("institution", "KULK").append("at", "2026-03-11T09:00:00Z"),
                        new Document("version", 2).append("institution", "UPLB").append("at", "2026-03-13T09:30:00Z"),
                        new Document("version", 2).append("institution", "KULK").append("at", "2026-03-13T14:00:00Z")));
        return a;
    }

    private static final Map<String, String> NAMES = Map.of("KULK", "Krajský úřad Libereckého kraje", "UPLB", "Úřad práce ČR – Liberec");

    /** The value after {@code --checkpoint=} in the minutes' text, without the line breaks the page width put in. */
    public static String printedCheckpoint(String text) {
        String after = text.substring(text.indexOf("--checkpoint=") + "--checkpoint=".length()).replaceAll("\\s+", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Z_]+:[0-9]+:[0-9a-f]{64})").matcher(after);
        return m.find() ? m.group(1) : null;
    }

    private static String text(byte[] pdf) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    private static void assertPdfA3a(byte[] pdf) throws Exception {
        org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider.initialise();
        try (var parser = org.verapdf.pdfa.Foundries.defaultInstance().createParser(new java.io.ByteArrayInputStream(pdf));
             var validator = org.verapdf.pdfa.Foundries.defaultInstance().createValidator(parser.getFlavour(), false)) {
            assertThat(parser.getFlavour()).isEqualTo(org.verapdf.pdfa.flavours.PDFAFlavour.PDFA_3_A);
            var result = validator.validate(parser);
            assertThat(result.getTestAssertions().stream().filter(a -> a.getStatus() != org.verapdf.pdfa.results.TestAssertion.Status.PASSED)
                    .map(a -> a.getRuleId().getClause() + " " + a.getMessage()).distinct().toList()).as("PDF/A-3a violations").isEmpty();
            assertThat(result.isCompliant()).isTrue();
        }
    }

    @Test
    void final_minutes_name_each_verifier_with_the_time_of_their_confirmation_and_the_answered_objection_and_pass_verapdf() throws Exception {
        byte[] pdf = new MinutesPdf().render(meeting(approved()), new Document("_id", "b1").append("name", "Pracovní skupina"), NAMES);
        String text = text(pdf);
        assertThat(text).contains("Ověřený zápis").doesNotContain("NÁVRH ZÁPISU")
                .contains("Zmapováno 13 z 30 ubytoven.").doesNotContain("Zmapováno 12 z 30")
                .contains("Mgr. Jana Nováková Krajský úřad Libereckého kraje potvrdil 13. 3. 2026 15:00")
                .contains("Ing. Petr Dvořák Úřad práce ČR – Liberec potvrdil 13. 3. 2026 10:30")
                .contains("Zápis ověřili všichni ověřovatelé; konečným se stal 13. 3. 2026 15:00")
                .contains("Námitka č. 1 k návrhu č. 1").contains("Bylo jich 13, ne 12.").contains("Vyřízeno opravou: návrh č. 2 – Opraven počet");
        assertPdfA3a(pdf);
    }

    @Test
    void a_draft_with_the_verifiers_is_marked_as_a_draft_with_its_version_and_the_period_end() throws Exception {
        byte[] pdf = new MinutesPdf().render(meeting(inVerification()), new Document("_id", "b1").append("name", "Pracovní skupina"), NAMES);
        String text = text(pdf);
        assertThat(text).contains("NÁVRH ZÁPISU – dosud neověřeno (návrh č. 2 u ověřovatelů do 20. 3. 2026 09:00)")
                .contains("Zápis (návrh č. 2)").contains("Mgr. Jana Nováková Krajský úřad Libereckého kraje dosud se nevyjádřil")
                .doesNotContain("Ověřený zápis");
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(doc.getDocumentInformation().getTitle()).startsWith("Návrh zápisu");
        }
        assertPdfA3a(pdf);
    }

    @Test
    void minutes_never_sent_to_verifiers_are_a_draft_too() throws Exception {
        String text = text(new MinutesPdf().render(meeting(null), new Document("_id", "b1").append("name", "Pracovní skupina"), NAMES));
        assertThat(text).contains("NÁVRH ZÁPISU – dosud neověřeno (zápis nebyl předán ověřovatelům)").contains("Zápis (návrh)");
    }

    @Test
    void the_checkpoint_is_printed_as_region_position_digest_in_the_line_and_in_the_verify_command() throws Exception {
        String text = text(new MinutesPdf().render(meeting(approved()), new Document("_id", "b1").append("name", "Pracovní skupina"), NAMES));
        // the 64 hex digits wrap at the page's edge; the text extracted has a line break there
        assertThat(printedCheckpoint(text)).isEqualTo("LBK:715:" + DIGEST);
        assertThat(text.replace(" ", "")).contains("Kontrolníbod(kraj:pozice:otisk):LBK:715:" + DIGEST);
    }
}
