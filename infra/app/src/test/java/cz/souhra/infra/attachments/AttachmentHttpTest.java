package cz.souhra.infra.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.awaitility.Awaitility;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;
import cz.souhra.query.audit.LedgerVerifier;
import cz.souhra.query.audit.OfflineExportVerifier;
import cz.souhra.query.audit.VerificationReport;
import cz.souhra.infra.reliability.Seed;
import cz.souhra.infra.reliability.SouhraHttp;
import cz.souhra.infra.reliability.SouhraHttp.Credentials;
import cz.souhra.infra.reliability.SouhraHttp.Reply;

/**
 * Attachments over real HTTP on the embedded durable store (GridFS there as on a real MongoDB): upload,
 * list, download of the very bytes; refusals by size, by the type the bytes show and by rights, each a
 * problem with a stable code that leaves no bytes and no event; a byte edited in the store is never served.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentHttpTest {

    static final Credentials ADMIN = new Credentials("admin", "zluty-kocour-na-plote-7");
    static final Credentials STRANGER = new Credentials("cizinec", "heslo-z-usteckeho-kraje-1");
    static final Path dataDir = TestApplication.newDataDir("souhra-attach");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, dataDir, ADMIN.password());
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    LedgerVerifier verifier;

    SouhraHttp http;
    Seed.Region region;

    @BeforeAll
    void seed() {
        http = new SouhraHttp(port);
        region = Seed.region(http, ADMIN, 1);
        ok(http.post(ADMIN, "/api/institutions", "{\"code\":\"KUUK\",\"region\":\"ULK\",\"kind\":\"REGION_OFFICE\",\"name\":\"Krajský úřad Ústeckého kraje\"}"), 201);
        ok(http.post(ADMIN, "/api/admin/users", "{\"user\":\"" + STRANGER.user() + "\",\"password\":\"" + STRANGER.password()
                + "\",\"institution\":\"KUUK\",\"roles\":[\"MEMBER\"]}"), 201);
    }

    @Test
    void a_pdf_uploaded_to_a_meeting_is_listed_and_downloaded_byte_for_byte_with_its_detected_type_and_hash() throws Exception {
        byte[] pdf = Files4Tests.pdf(300_000);
        Reply created = upload(Seed.SECRETARY, "/api/meetings/" + region.meeting() + "/attachments", "pozvanka.bin", pdf);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.id();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/attachments/" + id);

        Reply listed = awaitListed("/api/meetings/" + region.meeting() + "/attachments", id);
        var a = java.util.stream.StreamSupport.stream(listed.json().spliterator(), false)
                .filter(n -> n.path("attachmentId").asText().equals(id)).findFirst().orElseThrow();
        assertThat(a.path("name").asText()).isEqualTo("pozvanka.bin");
        assertThat(a.path("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(a.path("size").asLong()).isEqualTo(pdf.length);
        assertThat(a.path("sha256").asText()).isEqualTo(sha256(pdf));

        HttpResponse<byte[]> download = download(Seed.OWNER, id, false);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(download(Seed.OWNER, id, true).headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline;");

        Document event = mongo.getCollection("domainevents").find(Filters.eq("aggregateIdentifier", id)).first();
        assertThat(event.getString("payloadType")).endsWith("AttachmentAddedEvent");
        assertThat(event.get("serializedMetaData").toString()).contains("tajemnice").contains("KULK");
    }

    @Test
    void a_docx_is_recognised_by_its_content_and_the_issues_raising_institution_may_attach_it() throws Exception {
        Reply created = upload(Seed.OWNER, "/api/issues/" + region.issue() + "/attachments", "zprava.docx", Files4Tests.docx());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Reply listed = awaitListed("/api/issues/" + region.issue() + "/attachments", created.id());
        assertThat(listed.body()).contains("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @Test
    void a_30_mb_upload_is_refused_with_a_problem_before_anything_is_stored() throws Exception {
        long files = mongo.getCollection("attachments.files").countDocuments();
        Reply r = upload(Seed.SECRETARY, "/api/meetings/" + region.meeting() + "/attachments", "velky.pdf", Files4Tests.pdf(30 * 1024 * 1024));

        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(r.json().path("code").asText()).isEqualTo("ATTACHMENT_TOO_LARGE");
        assertThat(r.json().path("field").asText()).isEqualTo("file");
        assertThat(mongo.getCollection("attachments.files").countDocuments()).isEqualTo(files);
    }

    @Test
    void a_30_mb_upload_without_a_declared_length_is_refused_while_it_streams_and_leaves_no_chunk() throws Exception {
        long chunks = mongo.getCollection("attachments.chunks").countDocuments();
        byte[] body = Files4Tests.multipart("velky.pdf", Files4Tests.pdf(30 * 1024 * 1024));
        HttpRequest request = HttpRequest.newBuilder(URI.create(http.base() + "/api/meetings/" + region.meeting() + "/attachments"))
                .header("Authorization", basic(Seed.SECRETARY)).header("Content-Type", Files4Tests.multipartType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build();
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            r = null; // the server may close the connection while the client still sends; the check below still holds
        }
        if (r != null) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
            assertThat(r.body()).contains("ATTACHMENT_TOO_LARGE");
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(mongo.getCollection("attachments.chunks").countDocuments()).isEqualTo(chunks));
        assertThat(mongo.getCollection("attachment_uploads").countDocuments()).isZero();
    }

    @Test
    void a_program_renamed_to_pdf_is_refused_by_its_content_and_leaves_no_bytes_and_no_event() {
        long files = mongo.getCollection("attachments.files").countDocuments();
        long events = mongo.getCollection("domainevents").countDocuments();
        Reply r = upload(Seed.SECRETARY, "/api/meetings/" + region.meeting() + "/attachments", "zapis.pdf", Files4Tests.exe());

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("code").asText()).isEqualTo("ATTACHMENT_TYPE");
        assertThat(r.json().path("detail").asText()).contains("application/x-msdownload");
        assertThat(mongo.getCollection("attachments.files").countDocuments()).isEqualTo(files);
        assertThat(mongo.getCollection("domainevents").countDocuments()).isEqualTo(events);
    }

    @Test
    void a_member_of_another_region_may_neither_attach_nor_list_nor_download() throws Exception {
        Reply created = upload(Seed.SECRETARY, "/api/meetings/" + region.meeting() + "/attachments", "program.pdf", Files4Tests.pdf(10));
        assertThat(created.status()).isEqualTo(201);
        awaitListed("/api/meetings/" + region.meeting() + "/attachments", created.id());

        assertThat(upload(STRANGER, "/api/issues/" + region.issue() + "/attachments", "x.pdf", Files4Tests.pdf(10)).json().path("code").asText())
                .isEqualTo("NOT_OWN_INSTITUTION");
        assertThat(upload(Seed.OWNER, "/api/meetings/" + region.meeting() + "/attachments", "x.pdf", Files4Tests.pdf(10)).status())
                .as("a member institution does not record the body's meetings").isEqualTo(403);
        assertThat(http.get(STRANGER, "/api/meetings/" + region.meeting() + "/attachments").status()).isEqualTo(403);
        assertThat(http.get(STRANGER, "/api/attachments/" + created.id()).status()).isEqualTo(403);
        HttpResponse<byte[]> d = download(STRANGER, created.id(), false);
        assertThat(d.statusCode()).isEqualTo(403);
        assertThat(new String(d.body())).contains("FORBIDDEN_READ").doesNotContain("%PDF");
    }

    @Test
    void an_edited_byte_in_the_store_is_answered_with_a_problem_and_never_served() throws Exception {
        byte[] pdf = Files4Tests.pdf(1000);
        String id = upload(Seed.SECRETARY, "/api/meetings/" + region.meeting() + "/attachments", "usneseni.pdf", pdf).id();
        awaitListed("/api/meetings/" + region.meeting() + "/attachments", id);
        flipMiddleByte(id);

        HttpResponse<byte[]> d = download(Seed.OWNER, id, false);

        assertThat(d.statusCode()).isEqualTo(409);
        assertThat(d.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(new String(d.body())).contains("ATTACHMENT_DAMAGED").doesNotContain("%PDF");
        flipMiddleByte(id);
        assertThat(download(Seed.OWNER, id, false).body()).isEqualTo(pdf);
    }

    @Test
    void an_edited_byte_of_an_attachment_is_found_by_the_ledger_verification_in_the_store_and_in_the_offline_export(@TempDir Path exported) throws Exception {
        byte[] pdf = Files4Tests.pdf(5000);
        String id = upload(Seed.SECRETARY, "/api/meetings/" + region.meeting() + "/attachments", "priloha.pdf", pdf).id();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.get(ADMIN, "/api/audit/events?aggregate=" + id).json().path("total").asLong()).isEqualTo(1));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> verifier.verify((a, b) -> { }).ok());

        Path jsonl = exported.resolve("export.jsonl");
        Files.write(jsonl, fetch(ADMIN, "/api/audit/export.jsonl"));
        unzip(fetch(ADMIN, "/api/audit/export-attachments.zip"), exported);
        assertThat(exported.resolve("attachments").resolve(id)).hasBinaryContent(pdf);
        assertThat(OfflineExportVerifier.verify(jsonl, null).ok()).isTrue();

        flipMiddleByte(id);
        VerificationReport report = verifier.verify((a, b) -> { });
        var lbk = report.regions().stream().filter(r -> r.region().equals("LBK")).findFirst().orElseThrow();
        assertThat(report.ok()).isFalse();
        assertThat(lbk.problem()).isEqualTo(VerificationReport.Problem.ATTACHMENT_BYTES_EDITED);
        assertThat(lbk.detail()).contains(id).contains(sha256(pdf));
        assertThat(http.get(ADMIN, "/api/audit/verify").body()).contains("ATTACHMENT_BYTES_EDITED");
        flipMiddleByte(id);
        assertThat(verifier.verify((a, b) -> { }).ok()).isTrue();

        byte[] edited = Files.readAllBytes(exported.resolve("attachments").resolve(id));
        edited[edited.length / 3] ^= 0x20;
        Files.write(exported.resolve("attachments").resolve(id), edited);
        OfflineExportVerifier.Result offline = OfflineExportVerifier.verify(jsonl, null);
        assertThat(offline.ok()).isFalse();
        assertThat(offline.kind()).isEqualTo(VerificationReport.Problem.ATTACHMENT_BYTES_EDITED);
        assertThat(offline.problem()).contains(id);
    }

    private void flipMiddleByte(String id) {
        Document chunk = mongo.getCollection("attachments.chunks").find(Filters.and(Filters.eq("files_id", id), Filters.eq("n", 0))).first();
        byte[] data = chunk.get("data", Binary.class).getData();
        data[data.length / 2] ^= 1;
        mongo.getCollection("attachments.chunks").updateOne(Filters.eq("_id", chunk.get("_id")), Updates.set("data", new Binary(data)));
    }

    private byte[] fetch(Credentials who, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(http.base() + path)).header("Authorization", basic(who)).GET().build();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static void unzip(byte[] zip, Path into) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                assertThat(target.startsWith(into)).isTrue();
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
    }

    @Test
    void removal_is_an_event_the_attachment_leaves_the_list_and_its_bytes_are_no_longer_served() throws Exception {
        String id = upload(Seed.OWNER, "/api/measures/" + region.measures().get(0) + "/attachments", "plneni.pdf", Files4Tests.pdf(10)).id();
        awaitListed("/api/measures/" + region.measures().get(0) + "/attachments", id);

        assertThat(http.post(STRANGER, "/api/attachments/" + id + "/remove", "{\"reason\":\"omyl\"}").status()).isEqualTo(403);
        assertThat(http.post(Seed.OWNER, "/api/attachments/" + id + "/remove", "{\"reason\":\"Nahrán omylem\"}").status()).isEqualTo(202);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(http.get(Seed.OWNER, "/api/measures/" + region.measures().get(0) + "/attachments").body()).doesNotContain(id));
        assertThat(download(Seed.OWNER, id, false).statusCode()).isEqualTo(404);
        assertThat(mongo.getCollection("domainevents").countDocuments(Filters.eq("aggregateIdentifier", id))).isEqualTo(2);
        assertThat(http.post(Seed.OWNER, "/api/attachments/" + id + "/remove", "{\"reason\":\"znovu\"}").json().path("code").asText())
                .isEqualTo("ATTACHMENT_REMOVED");
    }

    private Reply awaitListed(String path, String id) {
        Reply[] last = new Reply[1];
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            last[0] = http.get(Seed.SECRETARY, path);
            assertThat(last[0].body()).contains(id);
        });
        return last[0];
    }

    private Reply upload(Credentials who, String path, String name, byte[] content) {
        return http.send("POST", path, who, Files4Tests.multipartType(), Files4Tests.multipart(name, content), Map.of());
    }

    private HttpResponse<byte[]> download(Credentials who, String id, boolean inline) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(http.base() + "/api/attachments/" + id + "/content" + (inline ? "?inline=true" : "")))
                .header("Authorization", basic(who)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static String basic(Credentials who) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((who.user() + ":" + who.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static void ok(Reply r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }

}
