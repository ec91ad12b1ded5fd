package cz.souhra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.bson.BsonString;
import org.bson.Document;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;

import cz.souhra.infra.reliability.Seed;
import cz.souhra.infra.reliability.SouhraHttp.Reply;
import cz.souhra.infra.store.EmbeddedStore;

/**
 * Upload throughput of an attachment through Souhra (HTTP multipart, type detection, SHA-256, GridFS,
 * the event) against a raw GridFS upload of the same bytes, with the same chunk size and write concern, into
 * the same kind of store (the embedded durable store, fsync on) in this JVM. Goal: at least 0.5×.
 * {@code ./bench/run.sh attach [--mb=5] [--files=6] [--rounds=3]}
 */
final class AttachmentBench {

    private static final String BOUNDARY = "souhra-bench-boundary-5d1c";

    private AttachmentBench() {}

    /** A one-page PDF with {@code padding} random bytes in a stream. */
    private static byte[] pdf(int padding) throws java.io.IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            byte[] noise = new byte[padding];
            new java.util.Random(7).nextBytes(noise);
            doc.getDocumentCatalog().getCOSObject().setItem(org.apache.pdfbox.cos.COSName.getPDFName("SouhraPadding"),
                    new org.apache.pdfbox.pdmodel.common.PDStream(doc, new java.io.ByteArrayInputStream(noise)));
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] multipart(String filename, byte[] content) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(content.length + 512);
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static void run(String[] args) throws Exception {
        int mb = Bench.option(args, "mb", 5);
        int files = Bench.option(args, "files", 6);
        int rounds = Bench.option(args, "rounds", 3);
        byte[] pdf = pdf(mb * 1024 * 1024);
        byte[] body = multipart("prezentace.pdf", pdf);
        Path root = Files.createTempDirectory("souhra-attach-bench");
        RelApp app = RelApp.start(root.resolve("app"), RelApp.freePort(), root.resolve("app.log"));
        try (EmbeddedStore store = EmbeddedStore.start(root.resolve("raw"), "127.0.0.1", 0, true, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            GridFSBucket raw = GridFSBuckets.create(client.getDatabase("bench").withWriteConcern(WriteConcern.MAJORITY.withJournal(true)), "attachments")
                    .withChunkSizeBytes(255 * 1024);
            Seed.Region region = Seed.region(app.http, RelApp.ADMIN, 1);
            String path = "/api/meetings/" + region.meeting() + "/attachments";
            // warm-up: both paths compiled and their collections and indexes created
            souhra(app, path, body, 2);
            raw(raw, pdf, 2);
            double souhraTotal = 0;
            double rawTotal = 0;
            System.out.println();
            System.out.printf("Upload of %d × %d MB PDF per round (%d bytes each)%n", files, mb, pdf.length);
            System.out.println("| round | Souhra upload MB/s | raw GridFS MB/s | ratio |");
            System.out.println("|---|---|---|---|");
            for (int r = 1; r <= rounds; r++) {
                double s = files * (double) pdf.length / (1 << 20) / souhra(app, path, body, files);
                double g = files * (double) pdf.length / (1 << 20) / raw(raw, pdf, files);
                souhraTotal += s;
                rawTotal += g;
                System.out.printf("| %d | %.1f | %.1f | %.2f× |%n", r, s, g, s / g);
            }
            System.out.printf("| mean | %.1f | %.1f | %.2f× (goal ≥ 0.5×) |%n", souhraTotal / rounds, rawTotal / rounds, souhraTotal / rawTotal);
        } finally {
            app.stop();
        }
    }

    /** Seconds for {@code n} sequential uploads through the API, each acknowledged (bytes and event stored). */
    private static double souhra(RelApp app, String path, byte[] body, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Reply r = app.http.send("POST", path, Seed.SECRETARY, "multipart/form-data; boundary=" + BOUNDARY, body, Map.of());
            if (r.status() != 201) {
                throw new IllegalStateException("upload answered " + r.status() + ": " + r.body());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds for {@code n} sequential raw GridFS uploads of the same bytes. */
    private static double raw(GridFSBucket bucket, byte[] pdf, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (GridFSUploadStream out = bucket.openUploadStream(new BsonString(java.util.UUID.randomUUID().toString()), "prezentace.pdf",
                    new GridFSUploadOptions().metadata(new Document("mediaType", "application/pdf")))) {
                out.write(pdf);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
