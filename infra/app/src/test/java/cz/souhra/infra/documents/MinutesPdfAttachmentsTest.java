package cz.souhra.infra.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import cz.souhra.infra.attachments.Files4Tests;

/**
 * The minutes carry the meeting's attachments: listed with their SHA-256 and embedded as PDF/A-3 associated
 * files that give back the very bytes, while the file still passes veraPDF as PDF/A-3a.
 */
class MinutesPdfAttachmentsTest {

    @Test
    void attachments_are_listed_with_their_hashes_embedded_as_associated_files_and_the_minutes_stay_pdf_a_3a() throws Exception {
        byte[] program = Files4Tests.pdf(2000);
        byte[] docx = Files4Tests.docx();
        Document meeting = new Document("_id", "m1").append("bodyId", "b1").append("status", "CLOSED").append("place", "KÚ Liberec")
                .append("startsAt", "2026-03-10T09:00:00Z").append("region", "LBK");
        List<MinutesPdf.Attached> attached = List.of(
                new MinutesPdf.Attached("Pozvánka a program.pdf", "application/pdf", program.length, "a".repeat(64), Instant.parse("2026-03-01T08:00:00Z"), program),
                new MinutesPdf.Attached("Prezentace ÚP.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.length,
                        "b".repeat(64), Instant.parse("2026-03-10T10:00:00Z"), docx));

        byte[] pdf = new MinutesPdf().render(meeting, new Document("_id", "b1").append("name", "Pracovní skupina"), Map.of(), attached);

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("Přílohy").contains("Pozvánka a program.").contains("a".repeat(64)).contains("Prezentace ÚP.docx").contains("b".repeat(64));
            COSArray af = (COSArray) doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.getPDFName("AF"));
            assertThat(af.size()).isEqualTo(2);
            PDComplexFileSpecification first = new PDComplexFileSpecification((COSDictionary) af.getObject(0));
            assertThat(first.getFileUnicode()).isEqualTo("Pozvánka a program.pdf");
            assertThat(first.getCOSObject().getNameAsString(COSName.getPDFName("AFRelationship"))).isEqualTo("Supplement");
            assertThat(first.getEmbeddedFile().getSubtype()).isEqualTo("application/pdf");
            assertThat(first.getEmbeddedFile().toByteArray()).isEqualTo(program);
            assertThat(doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()).containsKeys("Pozvánka a program.pdf", "Prezentace ÚP.docx");
        }

        org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider.initialise();
        try (var parser = org.verapdf.pdfa.Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf));
             var validator = org.verapdf.pdfa.Foundries.defaultInstance().createValidator(parser.getFlavour(), false)) {
            assertThat(parser.getFlavour()).isEqualTo(org.verapdf.pdfa.flavours.PDFAFlavour.PDFA_3_A);
            var result = validator.validate(parser);
            assertThat(result.getTestAssertions().stream().filter(a -> a.getStatus() != org.verapdf.pdfa.results.TestAssertion.Status.PASSED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage()).distinct().toList()).isEmpty();
            assertThat(result.isCompliant()).isTrue();
        }
    }
}
