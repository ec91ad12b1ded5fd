package cz.souhra.infra.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** A sitting without quorum has minutes too: they say so plainly, and stay valid PDF/A-3a. */
class MinutesPdfInquorateTest {

    private static Document meeting(int present) {
        return new Document("_id", "m1").append("bodyId", "b1").append("status", "CLOSED").append("place", "KÚ Liberec")
                .append("startsAt", "2026-03-10T09:00:00Z").append("convenedAt", "2026-03-10T09:05:00Z")
                .append("present", present).append("memberCount", 4).append("quorumRequired", 3)
                .append("attendance", List.of(Map.of("institution", "KULK", "status", "DELEGATE", "delegate", "Mgr. Jana Nováková"),
                        Map.of("institution", "MML", "status", "EXCUSED", "delegate", "Bc. Tomáš Horák")))
                .append("agenda", List.of(Map.of("title", "Informace o ubytovnách", "discussion", "Informace vzaty na vědomí.")))
                .append("minutes", "Jednání nebylo usnášeníschopné.");
    }

    private static String text(byte[] pdf) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    @Test
    void given_one_of_four_present_where_three_are_needed_then_minutes_say_inquorate_and_pass_verapdf() throws Exception {
        byte[] pdf = new MinutesPdf().render(meeting(1), new Document("_id", "b1").append("name", "Pracovní skupina"),
                Map.of("KULK", "Krajský úřad", "MML", "Magistrát"));

        assertThat(text(pdf)).contains("Jednání neusnášeníschopné").contains("přítomno 1 z 4 členů, potřeba alespoň 3")
                .contains("jednání nebylo usnášeníschopné").contains("Informace vzaty na vědomí.")
                .doesNotContain("jednání bylo usnášeníschopné");
        org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider.initialise();
        try (var parser = org.verapdf.pdfa.Foundries.defaultInstance().createParser(new java.io.ByteArrayInputStream(pdf));
             var validator = org.verapdf.pdfa.Foundries.defaultInstance().createValidator(parser.getFlavour(), false)) {
            var result = validator.validate(parser);
            assertThat(result.getTestAssertions().stream().filter(a -> a.getStatus() != org.verapdf.pdfa.results.TestAssertion.Status.PASSED)
                    .map(a -> a.getRuleId().getClause() + " " + a.getMessage()).distinct().toList()).as("PDF/A-3a violations").isEmpty();
            assertThat(result.isCompliant()).isTrue();
        }
    }

    @Test
    void given_quorum_met_then_minutes_say_quorate_without_the_inquorate_mark() throws Exception {
        String text = text(new MinutesPdf().render(meeting(3), new Document("_id", "b1").append("name", "Pracovní skupina"), Map.of()));
        assertThat(text).contains("jednání bylo usnášeníschopné").doesNotContain("neusnášeníschopné");
    }
}
