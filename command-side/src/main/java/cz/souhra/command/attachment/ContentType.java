package cz.souhra.command.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * The type of an upload, from its first bytes (tika-core's magic detector), never from the name it was sent
 * with: a program renamed to {@code zprava.pdf} is a program. The name may only narrow a type the bytes
 * already show: Office Open XML documents all begin as the same ZIP container ({@code x-tika-ooxml}), so
 * {@code .docx} or {@code .xlsx} decides between the two, and the container must then hold the part that
 * kind of document has ({@code word/} or {@code xl/}) within its first bytes.
 */
public final class ContentType {

    /** How many leading bytes the detector looks at: the longest magic offset in tika-core's types is below 64 KiB. */
    public static final int HEAD = 64 * 1024;

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    private static final MediaType OOXML = MediaType.application("x-tika-ooxml");
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private ContentType() {}

    /** The detected type of content that begins with {@code head}, named {@code name} by the uploader. */
    public static String detect(byte[] head, int length, String name) {
        MediaType content = magic(head, length, null);
        if (content.equals(OOXML) && name != null) {
            MediaType named = magic(head, length, name);
            String marker = DOCX.equals(named.toString()) ? "word/" : XLSX.equals(named.toString()) ? "xl/" : null;
            if (marker != null && new String(head, 0, length, StandardCharsets.ISO_8859_1).contains(marker)) {
                return named.toString();
            }
        }
        return content.getBaseType().toString();
    }

    private static MediaType magic(byte[] head, int length, String name) {
        Metadata metadata = new Metadata();
        if (name != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        }
        try {
            return TYPES.detect(new ByteArrayInputStream(head, 0, length), metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
