package cz.souhra.infra.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The minutes say who attended for whom: the delegate, or the substitute and the delegate they stood in for. */
class MinutesPdfAttendanceTest {

    @Test
    void given_a_delegate_and_a_substitute_with_the_delegate_they_replace_then_the_pdf_text_names_all_three() throws Exception {
        Document meeting = new Document("_id", "m1").append("bodyId", "b1").append("status", "CLOSED").append("place", "KÚ Liberec")
                .append("startsAt", "2026-03-10T09:00:00Z").append("convenedAt", "2026-03-10T09:05:00Z")
                .append("present", 3).append("memberCount", 4).append("quorumRequired", 3)
                .append("attendance", List.of(
                        Map.of("institution", "KULK", "status", "DELEGATE", "delegate", "Mgr. Jana Nováková"),
                        Map.of("institution", "UPLB", "status", "SUBSTITUTE", "delegate", "Mgr. Eva Malá", "substitute", "Ing. Karel Říha"),
                        Map.of("institution", "KRPL", "status", "SUBSTITUTE", "substitute", "npor. Petr Veselý"),
                        Map.of("institution", "MML", "status", "EXCUSED", "delegate", "Bc. Tomáš Horák")));
        byte[] pdf = new MinutesPdf().render(meeting, new Document("_id", "b1").append("name", "Pracovní skupina"),
                Map.of("KULK", "Krajský úřad", "UPLB", "Úřad práce", "KRPL", "Policie", "MML", "Magistrát"));

        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("Mgr. Jana Nováková")
                    .contains("zastoupen").contains("náhradník: Ing. Karel Říha, delegát: Mgr. Eva Malá")
                    .contains("náhradník: npor. Petr Veselý")
                    .contains("omluven").contains("Bc. Tomáš Horák");
        }
    }
}
