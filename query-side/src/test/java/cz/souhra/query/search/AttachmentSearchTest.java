package cz.souhra.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;

import cz.souhra.query.common.EventMeta;
import cz.souhra.shared.events.attachment.AttachmentAddedEvent;
import cz.souhra.shared.events.attachment.AttachmentRemovedEvent;
import cz.souhra.shared.events.measure.MeasureReassignedEvent;
import cz.souhra.shared.ids.AttachmentId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.model.AttachedTo;
import cz.souhra.shared.queries.Viewer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The text of attachments in the search index: a word that appears only inside a PDF or a DOCX is found in its
 * Czech word forms, the hit links to the parent record and shows a snippet of the file's text, readers are those of
 * the parent (and follow it when it changes hands), a removed file is no longer found, and the index still equals
 * a rebuild. A file that cannot be read (encrypted, broken, damaged, purged) is found by its name only, and said so
 * once in the log.
 */
class AttachmentSearchTest {

    static final AttachmentId PDF = AttachmentId.of("0a77ac00-0000-4000-8000-000000000001");
    static final AttachmentId DOCX = AttachmentId.of("0a77ac00-0000-4000-8000-000000000002");
    static final AttachmentId ON_MEASURE = AttachmentId.of("0a77ac00-0000-4000-8000-000000000003");
    static final String PDF_TYPE = "application/pdf";
    static final String DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    static final AttachmentTextExtractor EXTRACTOR = new AttachmentTextExtractor(25L << 20, 500_000, Duration.ofSeconds(30));

    MongoServer server;
    MongoClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
            server.shutdownNow();
        }
    }

    /** A PDF whose one page says {@code text} (Helvetica: the Czech letters of Latin-1 and š, ž). */
    static byte[] pdf(String text) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
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

    static byte[] encryptedPdf(String text) throws IOException {
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf(text)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("vlastnik-heslo", "ctenar-heslo", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] docx(String text) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText(text);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static AttachmentAddedEvent added(AttachmentId id, AttachedTo to, String parent, String meeting, String name, String type, byte[] bytes) {
        return new AttachmentAddedEvent(id, SearchIndexTest.LBK, to, parent, meeting, name, type, bytes.length, sha256(bytes));
    }

    static final byte[] PDF_BYTES = pdf("Kontrola zjistila požární závady v sedmi ubytovnách v Ruprechticích.");
    static final byte[] DOCX_BYTES = docx("Přeplněné ubytovny u nádraží v Chrastavě, zápis z kontroly cizinecké policie.");

    /** The story of SearchIndexTest, with a PDF on the agenda item, a DOCX on the issue, and a file on the measure that changes owner. */
    static List<DomainEventMessage<?>> story() {
        List<DomainEventMessage<?>> events = new ArrayList<>(SearchIndexTest.story());
        java.time.Instant t = SearchIndexTest.T0.plusSeconds(1000);
        events.add(SearchIndexTest.ev("Attachment", PDF.value(), 0, added(PDF, AttachedTo.AGENDA_ITEM, SearchIndexTest.ITEM.value(),
                SearchIndexTest.MEETING.value(), "Zpráva hasičů.pdf", PDF_TYPE, PDF_BYTES), t));
        events.add(SearchIndexTest.ev("Attachment", DOCX.value(), 0, added(DOCX, AttachedTo.ISSUE, SearchIndexTest.ISSUE.value(), null,
                "Zápis z kontroly.docx", DOCX_TYPE, DOCX_BYTES), t.plusSeconds(1)));
        byte[] plan = pdf("Plan kontrol v Hrádku nad Nisou.");
        events.add(SearchIndexTest.ev("Attachment", ON_MEASURE.value(), 0, added(ON_MEASURE, AttachedTo.MEASURE, SearchIndexTest.MEASURE.value(), null,
                "Plán.pdf", PDF_TYPE, plan), t.plusSeconds(2)));
        return events;
    }

    /** The texts of the story's files, extracted by Tika from their bytes as the stored ones are. */
    static final AttachmentText TEXTS = added -> {
        byte[] bytes = added.attachmentId().equals(PDF) ? PDF_BYTES : added.attachmentId().equals(DOCX) ? DOCX_BYTES
                : pdf("Plan kontrol v Hrádku nad Nisou.");
        try {
            Path file = Files.createTempFile("souhra-test-", ".bin");
            try {
                Files.write(file, bytes);
                return EXTRACTOR.text(file, added.mediaType());
            } finally {
                Files.delete(file);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    };

    static SearchIndex built(List<DomainEventMessage<?>> events, AttachmentText texts) {
        SearchIndex index = SearchIndex.inMemory(texts);
        events.forEach(e -> index.apply(e.getPayload(), EventMeta.of(e)));
        index.commit();
        return index;
    }

    static SearchResult find(SearchIndex index, String q, Viewer viewer) {
        return index.search(SearchService.request(q, null, null, null, null, null, null, null), viewer);
    }

    @Test
    void a_word_only_inside_a_pdf_is_found_in_its_czech_word_forms_and_links_to_the_meeting_with_a_snippet_of_the_file() {
        try (SearchIndex index = built(story(), TEXTS)) {
            for (String q : List.of("Ruprechtice", "ruprechticich", "požární závada", "pozarnich zavad", "ubytovna ruprecht*")) {
                SearchResult r = find(index, q, Viewer.EVERYTHING);
                assertThat(r.hits()).as(q).singleElement().satisfies(h -> {
                    assertThat(h.kind()).isEqualTo(SearchKind.ATTACHMENT);
                    assertThat(h.title()).isEqualTo("Zpráva hasičů.pdf");
                    assertThat(h.recordKind()).isEqualTo("MEETING");
                    assertThat(h.recordId()).isEqualTo(SearchIndexTest.MEETING.value());
                    assertThat(h.bodyId()).isEqualTo(SearchIndexTest.GROUP.value());
                    assertThat(h.snippet()).contains("<mark>").contains("ubytovnách");
                });
            }
            assertThat(find(index, "ubytovnách", Viewer.EVERYTHING).facets().get("kind")).contains(new SearchResult.FacetCount("ATTACHMENT", 2));
            // the words of the file's name find it too
            assertThat(find(index, "zpráva hasiči", Viewer.EVERYTHING).hits()).extracting(SearchResult.Hit::title).containsExactly("Zpráva hasičů.pdf");
        }
    }

    @Test
    void a_word_only_inside_a_docx_is_found_in_its_czech_word_forms_and_links_to_the_issue() {
        try (SearchIndex index = built(story(), TEXTS)) {
            for (String q : List.of("Chrastava", "chrastave", "přeplněná ubytovna", "\"cizinecka policie\"")) {
                SearchResult r = find(index, q + " kontrola", Viewer.EVERYTHING);
                assertThat(r.hits()).as(q).extracting(SearchResult.Hit::kind, SearchResult.Hit::title, SearchResult.Hit::recordKind, SearchResult.Hit::recordId)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(SearchKind.ATTACHMENT, "Zápis z kontroly.docx", "ISSUE", SearchIndexTest.ISSUE.value()));
            }
        }
    }

    @Test
    void an_attachment_is_read_by_who_reads_its_parent_and_follows_the_parent_to_a_new_owner() {
        List<DomainEventMessage<?>> events = story();
        try (SearchIndex index = built(events, TEXTS)) {
            assertThat(find(index, "Ruprechtice", SearchIndexTest.USTI_MEMBER).total()).isZero();
            assertThat(find(index, "Chrastava", SearchIndexTest.USTI_MEMBER).total()).isZero();
            assertThat(find(index, "Ruprechtice", SearchIndexTest.LIBEREC_MEMBER).total()).isEqualTo(1);
            // the institution that raised the issue reads its file; acting in the region gives the issue's file, not the meeting's
            assertThat(find(index, "Chrastava", new Viewer(false, "KULK", Set.of(), Set.of())).total()).isEqualTo(1);
            assertThat(find(index, "Ruprechtice", new Viewer(false, null, Set.of(), Set.of("LBK"))).total()).isZero();
            assertThat(find(index, "Hrádek", new Viewer(false, "UPLB", Set.of(), Set.of())).total()).isEqualTo(1);
        }
        events.add(SearchIndexTest.ev("Measure", SearchIndexTest.MEASURE.value(), 2, new MeasureReassignedEvent(SearchIndexTest.MEASURE, SearchIndexTest.LBK,
                InstitutionId.of("KULK"), InstitutionId.of("UPLB"), "Kraj převzal mapování", null), SearchIndexTest.T0.plusSeconds(2000)));
        try (SearchIndex index = built(events, TEXTS)) {
            assertThat(find(index, "Hrádek", new Viewer(false, "UPLB", Set.of(), Set.of())).total()).isZero();
            assertThat(find(index, "Hrádek", new Viewer(false, "KULK", Set.of(), Set.of())).total()).isEqualTo(1);
        }
    }

    @Test
    void a_removed_attachment_is_no_longer_found() {
        List<DomainEventMessage<?>> events = story();
        events.add(SearchIndexTest.ev("Attachment", PDF.value(), 1, new AttachmentRemovedEvent(PDF, SearchIndexTest.LBK, AttachedTo.AGENDA_ITEM,
                SearchIndexTest.ITEM.value(), "Nahráno omylem"),
                SearchIndexTest.T0.plusSeconds(3000)));
        try (SearchIndex index = built(events, TEXTS)) {
            assertThat(find(index, "Ruprechtice", Viewer.EVERYTHING).total()).isZero();
            assertThat(find(index, "hasičů", Viewer.EVERYTHING).total()).isZero();
            assertThat(find(index, "Chrastava", Viewer.EVERYTHING).total()).isEqualTo(1);
        }
    }

    @Test
    void the_index_with_attachments_built_live_with_redeliveries_equals_a_rebuild() {
        List<DomainEventMessage<?>> events = story();
        events.add(SearchIndexTest.ev("Measure", SearchIndexTest.MEASURE.value(), 2, new MeasureReassignedEvent(SearchIndexTest.MEASURE, SearchIndexTest.LBK,
                InstitutionId.of("KULK"), InstitutionId.of("UPLB"), "Kraj převzal mapování", null), SearchIndexTest.T0.plusSeconds(2000)));
        events.add(SearchIndexTest.ev("Attachment", DOCX.value(), 1, new AttachmentRemovedEvent(DOCX, SearchIndexTest.LBK, AttachedTo.ISSUE,
                SearchIndexTest.ISSUE.value(), "Duplicitní"),
                SearchIndexTest.T0.plusSeconds(3000)));
        Random random = new Random(33);
        for (int run = 0; run < 10; run++) {
            try (SearchIndex rebuilt = built(events, TEXTS); SearchIndex live = SearchIndex.inMemory(TEXTS)) {
                int delivered = 0;
                while (delivered < events.size()) {
                    int end = Math.min(events.size(), delivered + 1 + random.nextInt(4));
                    for (int i = delivered; i < end; i++) {
                        live.apply(events.get(i).getPayload(), EventMeta.of(events.get(i)));
                    }
                    if (random.nextBoolean()) {
                        live.commit();
                    }
                    for (int i = Math.max(0, delivered - random.nextInt(3)); i < end; i++) {
                        live.apply(events.get(i).getPayload(), EventMeta.of(events.get(i)));
                    }
                    delivered = end;
                }
                live.commit();
                assertThat(live.digest()).isEqualTo(rebuilt.digest());
            }
        }
    }

    @Test
    void files_in_the_store_give_their_text_and_an_encrypted_broken_damaged_or_purged_one_its_name_only() {
        server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        GridFSBucket bucket = GridFSBuckets.create(client.getDatabase("souhra"), "attachments");
        StoredAttachmentText texts = new StoredAttachmentText(bucket, EXTRACTOR);

        AttachmentAddedEvent pdf = store(bucket, "0a77ac00-0000-4000-8000-000000000011", "Zpráva.pdf", PDF_TYPE, PDF_BYTES);
        assertThat(texts.of(pdf)).contains("Ruprechticích");
        AttachmentAddedEvent docx = store(bucket, "0a77ac00-0000-4000-8000-000000000012", "Zápis.docx", DOCX_TYPE, DOCX_BYTES);
        assertThat(texts.of(docx)).contains("Chrastavě");

        AttachmentAddedEvent encrypted;
        try {
            encrypted = store(bucket, "0a77ac00-0000-4000-8000-000000000013", "Tajné.pdf", PDF_TYPE, encryptedPdf("Utajovaný obsah"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(texts.of(encrypted)).isEmpty();
        AttachmentAddedEvent broken = store(bucket, "0a77ac00-0000-4000-8000-000000000014", "Rozbité.pdf", PDF_TYPE,
                "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nnonsense".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(texts.of(broken)).isEmpty();
        // bytes that do not hash to the recorded SHA-256 are not read
        AttachmentAddedEvent damaged = new AttachmentAddedEvent(AttachmentId.of("0a77ac00-0000-4000-8000-000000000015"), SearchIndexTest.LBK,
                AttachedTo.MEETING, SearchIndexTest.MEETING.value(), null, "Upravené.pdf", PDF_TYPE, PDF_BYTES.length, sha256(DOCX_BYTES));
        bucket.uploadFromStream(new BsonString(damaged.attachmentId().value()), damaged.name(), new ByteArrayInputStream(PDF_BYTES));
        assertThat(texts.of(damaged)).isEmpty();
        AttachmentAddedEvent purged = added(AttachmentId.of("0a77ac00-0000-4000-8000-000000000016"), AttachedTo.MEETING, SearchIndexTest.MEETING.value(),
                null, "Smazané.pdf", PDF_TYPE, PDF_BYTES);
        assertThat(texts.of(purged)).isEmpty();
        AttachmentAddedEvent image = added(AttachmentId.of("0a77ac00-0000-4000-8000-000000000017"), AttachedTo.MEETING, SearchIndexTest.MEETING.value(),
                null, "Foto.png", "image/png", new byte[] {1, 2, 3});
        assertThat(texts.of(image)).isEmpty();

        // the attachment that has no text is still found by its name
        List<DomainEventMessage<?>> events = new ArrayList<>(SearchIndexTest.story());
        events.add(SearchIndexTest.ev("Attachment", encrypted.attachmentId().value(), 0, new AttachmentAddedEvent(encrypted.attachmentId(), SearchIndexTest.LBK,
                AttachedTo.MEETING, SearchIndexTest.MEETING.value(), null, encrypted.name(), PDF_TYPE, encrypted.size(), encrypted.sha256()),
                SearchIndexTest.T0.plusSeconds(500)));
        try (SearchIndex index = built(events, texts)) {
            assertThat(find(index, "tajné", Viewer.EVERYTHING).hits()).singleElement().satisfies(h -> assertThat(h.title()).isEqualTo("Tajné.pdf"));
            assertThat(find(index, "utajovaný", Viewer.EVERYTHING).total()).isZero();
        }
    }

    @Test
    void the_extractor_refuses_a_file_over_its_size_and_cuts_the_text_at_its_length(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("zprava.pdf");
        Files.write(file, PDF_BYTES);
        assertThatThrownBy(() -> new AttachmentTextExtractor(PDF_BYTES.length - 1, 500_000, Duration.ofSeconds(30)).text(file, PDF_TYPE))
                .isInstanceOf(AttachmentTextExtractor.Unreadable.class).hasMessageContaining("bytes");
        assertThat(new AttachmentTextExtractor(1 << 20, 20, Duration.ofSeconds(30)).text(file, PDF_TYPE)).hasSizeLessThanOrEqualTo(20)
                .startsWith("Kontrola zjistila");
        assertThat(new AttachmentTextExtractor(1 << 20, 20, Duration.ofSeconds(30)).text(file, "image/png")).isEmpty();
        // a page without text (a scan) has no text, and is no failure: there is no OCR
        Path scan = dir.resolve("sken.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.save(scan.toFile());
        }
        assertThat(EXTRACTOR.text(scan, PDF_TYPE)).isEmpty();
    }

    private static AttachmentAddedEvent store(GridFSBucket bucket, String id, String name, String type, byte[] bytes) {
        AttachmentAddedEvent e = added(AttachmentId.of(id), AttachedTo.MEETING, SearchIndexTest.MEETING.value(), null, name, type, bytes);
        bucket.uploadFromStream(new BsonString(id), name, new ByteArrayInputStream(bytes));
        return e;
    }
}
