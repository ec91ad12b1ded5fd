package cz.souhra.infra.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

/**
 * Embeds a meeting's attachments into its rendered minutes the way PDF/A-3 allows: each as an embedded
 * file with its MIME type and dates, named by a file specification with {@code /AFRelationship /Supplement}
 * (the attachment supplements the minutes, which stand on their own), listed in the catalogue's
 * {@code /AF} array and in the {@code EmbeddedFiles} name tree so readers show them.
 */
final class MinutesAttachments {

    private MinutesAttachments() {}

    static byte[] embed(byte[] pdf, List<MinutesPdf.Attached> attachments) {
        try (PDDocument doc = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length)) {
            Map<String, PDComplexFileSpecification> names = new HashMap<>();
            COSArray af = new COSArray();
            List<String> used = new ArrayList<>();
            for (MinutesPdf.Attached a : attachments) {
                String name = unique(a.name(), used);
                PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(a.bytes()));
                file.setSubtype(a.mediaType());
                file.setSize(a.bytes().length);
                GregorianCalendar added = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
                added.setTimeInMillis(a.addedAt().toEpochMilli());
                file.setCreationDate(added);
                file.setModDate(added);
                PDComplexFileSpecification spec = new PDComplexFileSpecification();
                spec.setFile(name);
                spec.setFileUnicode(name);
                spec.setFileDescription("Příloha jednání, SHA-256 " + a.sha256());
                spec.setEmbeddedFile(file);
                spec.setEmbeddedFileUnicode(file);
                spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Supplement");
                names.put(name, spec);
                af.add(spec);
            }
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(names);
            PDDocumentNameDictionary dictionary = new PDDocumentNameDictionary(doc.getDocumentCatalog());
            dictionary.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(dictionary);
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("AF"), af);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot embed the attachments into the minutes", e);
        }
    }

    /** File names in one PDF must differ: a second "zapis.pdf" becomes "zapis (2).pdf". */
    private static String unique(String name, List<String> used) {
        String candidate = name;
        for (int n = 2; used.contains(candidate); n++) {
            int dot = name.lastIndexOf('.');
            candidate = dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
        }
        used.add(candidate);
        return candidate;
    }
}
