package cz.souhra.query.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.odf.OpenDocumentParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;

/**
 * The text of an attachment, by Apache Tika's parser for its recorded type (detected from the bytes at upload):
 * PDF, DOCX, XLSX and ODT; images and anything else have no text. Bounded three ways: a file larger than
 * {@code maxBytes} is not parsed, the text is cut at {@code maxChars} (at the same place every time), and a parse
 * that takes longer than {@code timeout} is abandoned (its thread interrupted). Documents embedded in a file are
 * not parsed ({@link #NO_EMBEDDED}): their text is not the attachment's, and each would be a parse the bounds
 * above do not see.
 */
public final class AttachmentTextExtractor {

    /** Why a file has no text: the caller indexes its name only. */
    public static final class Unreadable extends Exception {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Map<String, Parser> PARSERS = Map.of(
            "application/pdf", new PDFParser(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", new OOXMLParser(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", new OOXMLParser(),
            "application/vnd.oasis.opendocument.text", new OpenDocumentParser());

    private static final EmbeddedDocumentExtractor NO_EMBEDDED = new EmbeddedDocumentExtractor() {
        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, org.xml.sax.ContentHandler handler, Metadata metadata, boolean outputHtml) {
        }
    };

    /**
     * No OCR: there is no OCR engine, and the parser's default (OCR when a page has too little text) fails on a
     * page without text, such as a scan, instead of giving no text for it.
     */
    private static final PDFParserConfig NO_OCR = new PDFParserConfig();

    static {
        NO_OCR.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
    }

    private final long maxBytes;
    private final int maxChars;
    private final Duration timeout;

    public AttachmentTextExtractor(long maxBytes, int maxChars, Duration timeout) {
        this.maxBytes = maxBytes;
        this.maxChars = maxChars;
        this.timeout = timeout;
    }

    /** Whether files of this type have text to extract. */
    public static boolean hasText(String mediaType) {
        return mediaType != null && PARSERS.containsKey(base(mediaType));
    }

    /** The text of {@code file}, read as {@code mediaType}; empty for types without text. */
    public String text(Path file, String mediaType) throws Unreadable {
        Parser parser = mediaType == null ? null : PARSERS.get(base(mediaType));
        if (parser == null) {
            return "";
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new Unreadable("cannot be read: " + e.getMessage(), e);
        }
        if (size > maxBytes) {
            throw new Unreadable("has " + size + " bytes, more than the " + maxBytes + " whose text is extracted", null);
        }
        FutureTask<String> parse = new FutureTask<>(() -> parse(parser, file));
        Thread worker = new Thread(parse, "attachment-text");
        worker.setDaemon(true);
        worker.start();
        try {
            return parse.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            parse.cancel(true);
            throw new Unreadable("was not parsed within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new Unreadable("cannot be parsed (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")", cause);
        } catch (InterruptedException e) {
            parse.cancel(true);
            Thread.currentThread().interrupt();
            throw new Unreadable("parse interrupted", e);
        }
    }

    private String parse(Parser parser, Path file) throws Exception {
        BodyContentHandler handler = new BodyContentHandler(maxChars);
        try (InputStream in = TikaInputStream.get(file)) {
            ParseContext context = new ParseContext();
            context.set(EmbeddedDocumentExtractor.class, NO_EMBEDDED);
            context.set(PDFParserConfig.class, NO_OCR);
            parser.parse(in, handler, new Metadata(), context);
        } catch (Exception e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw e;
            }
            // the first maxChars characters are kept
        }
        return handler.toString().strip();
    }

    private static String base(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim();
    }
}
