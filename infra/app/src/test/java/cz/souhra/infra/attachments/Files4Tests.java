package cz.souhra.infra.attachments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/** Real files of the accepted kinds (and a program), made in the test so no binary fixture hides what they are. */
public final class Files4Tests {

    private Files4Tests() {}

    /** A one-page PDF padded with {@code padding} random bytes in a stream, so its size can be chosen. */
    public static byte[] pdf(int padding) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            if (padding > 0) {
                byte[] noise = new byte[padding];
                new Random(7).nextBytes(noise);
                var stream = new org.apache.pdfbox.pdmodel.common.PDStream(doc, new java.io.ByteArrayInputStream(noise));
                doc.getDocumentCatalog().getCOSObject().setItem(org.apache.pdfbox.cos.COSName.getPDFName("SouhraPadding"), stream);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-page PDF that says {@code text} (Helvetica: Latin-1 letters and š, ž), padded as {@link #pdf(int)}. */
    public static byte[] pdf(String text, int padding) {
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf(padding)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, doc.getPage(0))) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(50, 700);
                content.showText(text);
                content.endText();
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal Office Open XML word-processing document. */
    public static byte[] docx() {
        return zip("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
                "_rels/.rels", "<Relationships/>", "word/document.xml", "<w:document/>");
    }

    /** A Windows program: the DOS header and a PE signature. */
    public static byte[] exe() {
        byte[] b = new byte[4096];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3c] = (byte) 0x80;
        b[0x80] = 'P';
        b[0x81] = 'E';
        return b;
    }

    private static byte[] zip(String... nameAndContent) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < nameAndContent.length; i += 2) {
                zip.putNextEntry(new ZipEntry(nameAndContent[i]));
                zip.write(nameAndContent[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final String BOUNDARY = "souhra-test-boundary-7f3a";

    /** A multipart/form-data body with one part {@code file}. */
    public static byte[] multipart(String filename, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    public static String multipartType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }
}
