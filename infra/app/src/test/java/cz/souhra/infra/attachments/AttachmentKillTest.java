package cz.souhra.infra.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.reliability.Seed;
import cz.souhra.infra.reliability.SouhraHttp;
import cz.souhra.infra.reliability.SouhraHttp.Credentials;
import cz.souhra.infra.reliability.SouhraHttp.Reply;
import cz.souhra.infra.store.EmbeddedStore;

/**
 * A Souhra process killed with SIGKILL during an upload leaves either the whole attachment and its event or
 * neither visible. A child JVM runs Souhra on the embedded store; one upload is cut off by the kill while
 * its chunks are being written, another is killed just after it was acknowledged. Read from the store
 * after each kill: the first has bytes and a marker but no event (invisible), the second its event and every
 * byte. At the next start the first one's bytes are swept, and readers see exactly the acknowledged one.
 */
class AttachmentKillTest {

    static final Credentials ADMIN = new Credentials("admin", "zluty-kocour-na-plote-7");

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void an_upload_killed_midway_leaves_no_visible_attachment_and_its_bytes_are_swept_while_an_acknowledged_one_survives_whole() throws Exception {
        int port = freePort();
        SouhraHttp http = new SouhraHttp(port);
        child = start(port, "PT15M");
        Seed.Region region = Seed.region(http, ADMIN, 1);
        String path = "/api/meetings/" + region.meeting() + "/attachments";

        // 1. killed while the bytes stream in: 6 MB of a declared 12 MB sent, the rest never comes
        byte[] big = Files4Tests.multipart("prezentace.pdf", Files4Tests.pdf(12 * 1024 * 1024));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + AttachmentHttpTest.basic(Seed.SECRETARY)
                    + "\r\nContent-Type: " + Files4Tests.multipartType() + "\r\nContent-Length: " + big.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(big, 0, 6 * 1024 * 1024);
            out.flush();
            Thread.sleep(3000); // the server writes the chunks it has
            kill();
        }
        try (Store store = Store.open(dir)) {
            assertThat(store.db.getCollection("attachment_uploads").countDocuments()).as("the interrupted upload's marker").isEqualTo(1);
            assertThat(store.db.getCollection("attachments.chunks").countDocuments()).as("chunks written before the kill").isPositive();
            assertThat(store.attachmentEvents()).as("no event of an unfinished upload").isEmpty();
        }

        // 2. killed right after an upload was acknowledged
        child = start(port, "PT15M");
        byte[] pdf = Files4Tests.pdf(2 * 1024 * 1024);
        Reply ack = http.send("POST", path, Seed.SECRETARY, Files4Tests.multipartType(), Files4Tests.multipart("zapis.pdf", pdf), Map.of());
        kill();
        assertThat(ack.status()).as(ack.body()).isEqualTo(201);
        try (Store store = Store.open(dir)) {
            assertThat(store.attachmentEvents()).containsExactly(ack.id());
            assertThat(store.bytes(ack.id())).as("every byte of the acknowledged upload").isEqualTo(pdf);
            assertThat(store.eventJson(ack.id())).contains(sha256(pdf));
        }

        // 3. the next start sweeps the interrupted upload's bytes; readers see exactly the acknowledged attachment
        child = start(port, "PT0S");
        Reply listed = http.get(Seed.SECRETARY, path);
        for (int i = 0; i < 100 && !listed.body().contains(ack.id()); i++) {
            Thread.sleep(200);
            listed = http.get(Seed.SECRETARY, path);
        }
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.json().get(0).path("attachmentId").asText()).isEqualTo(ack.id());
        kill();
        try (Store store = Store.open(dir)) {
            assertThat(store.db.getCollection("attachment_uploads").countDocuments()).isZero();
            assertThat(store.db.getCollection("attachments.chunks").countDocuments(Filters.ne("files_id", ack.id()))).as("orphan chunks").isZero();
            assertThat(store.bytes(ack.id())).isEqualTo(pdf);
        }
    }

    private Process start(int port, String sweepGrace) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SouhraApplication.class.getName(), "--server.port=" + port, "--souhra.data-dir=" + dir, "--souhra.admin-password=" + ADMIN.password(),
                "--souhra.overdue.initial-delay=PT1H", "--souhra.overdue.midnight-cron=-", "--souhra.attachments.sweep-grace=" + sweepGrace));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("child.log").toFile())).start();
        child = p;
        new SouhraHttp(port).awaitUp(Duration.ofSeconds(120));
        return p;
    }

    private void kill() throws InterruptedException {
        child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no final commit
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** The child's store, opened by this JVM once the child is dead. */
    private record Store(EmbeddedStore store, MongoClient client, MongoDatabase db) implements AutoCloseable {
        static Store open(Path dir) {
            EmbeddedStore s = EmbeddedStore.start(dir, "127.0.0.1", 0, true, 0);
            MongoClient c = MongoClients.create(s.connectionString());
            return new Store(s, c, c.getDatabase("souhra"));
        }

        List<String> attachmentEvents() {
            List<String> ids = new ArrayList<>();
            db.getCollection("domainevents").find(Filters.regex("payloadType", "AttachmentAddedEvent$"))
                    .forEach(d -> ids.add(d.getString("aggregateIdentifier")));
            return ids;
        }

        String eventJson(String id) {
            Document d = db.getCollection("domainevents").find(Filters.eq("aggregateIdentifier", id)).first();
            return String.valueOf(d.get("serializedPayload"));
        }

        byte[] bytes(String id) throws IOException {
            try (var in = GridFSBuckets.create(db, "attachments").openDownloadStream(new BsonString(id))) {
                return in.readAllBytes();
            }
        }

        @Override
        public void close() {
            client.close();
            store.close();
        }
    }
}
