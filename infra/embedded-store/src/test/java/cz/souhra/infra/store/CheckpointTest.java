package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * A checkpoint holds writes only while it takes the store's version; its pages are written while the
 * next writes apply, and a crash at any point of that leaves a directory that reopens with every write
 * exactly once. The "crash" is a copy of the directory taken while nothing is being written to it: what
 * the disk holds when the process dies at that moment.
 */
class CheckpointTest {

    private static final String DB = "souhra";
    private static final String COLLECTION = "probe";

    @TempDir
    Path dir;

    @TempDir
    Path crashes;

    @Test
    void given_checkpoint_pages_not_yet_written_when_writes_arrive_then_they_complete_and_every_crash_image_reopens_with_each_write_once() throws Exception {
        ThreadPoolExecutor serializer = DurableH2Backend.newSerializer();
        DurableH2Backend backend = DurableH2Backend.open(dir, false, 3_600_000, 0, serializer);
        CountDownLatch release = new CountDownLatch(1);
        try {
            assertThat(backend.serializesOutsideTheLock()).isTrue();
            insert(backend, 0, 10);
            serializer.submit(() -> {
                release.await();
                return null;
            });
            AtomicBoolean checkpointDone = new AtomicBoolean();
            Thread checkpoint = new Thread(() -> {
                backend.checkpoint();
                checkpointDone.set(true);
            });
            checkpoint.start();
            awaitQueued(serializer);

            CompletableFuture.runAsync(() -> insert(backend, 10, 20)).get(30, TimeUnit.SECONDS);

            assertThat(checkpointDone).as("writes went on while the checkpoint's pages waited").isFalse();
            Path beforePagesWritten = copy(dir, crashes.resolve("before"));
            release.countDown();
            checkpoint.join(30_000);
            assertThat(checkpointDone).isTrue();
            insert(backend, 20, 30);
            Path afterPagesWritten = copy(dir, crashes.resolve("after"));

            assertEveryWriteOnce(beforePagesWritten, 20);
            assertEveryWriteOnce(afterPagesWritten, 30);
        } finally {
            release.countDown();
            backend.close();
        }
        assertEveryWriteOnce(dir, 30);
    }

    @Test
    void given_sparse_store_when_compacted_while_writes_go_on_then_pages_were_rewritten_and_every_value_reads_back() throws Exception {
        // fsync: only then may the store reuse a chunk at once (no retention time), and compact it
        DurableH2Backend backend = DurableH2Backend.open(dir, true, 3_600_000, 0);
        int docs = 3_000;
        try {
            insert(backend, 0, docs);
            backend.checkpoint();
            // most documents rewritten elsewhere: the first chunk is left mostly dead
            setBelow(backend, docs * 9 / 10);
            backend.checkpoint();
            // MVStore leaves the two newest chunks alone: one more small commit makes the sparse one old enough
            insert(backend, docs + 500, docs + 501);
            backend.checkpoint();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> insert(backend, docs, docs + 500));

            boolean rewritten = backend.compact();

            writer.get(60, TimeUnit.SECONDS);
            assertThat(rewritten).as("the compaction found sparse chunks to rewrite").isTrue();
        } finally {
            backend.close();
        }
        DurableH2Backend reopened = DurableH2Backend.open(dir, false, 3_600_000, 0);
        try {
            assertThat(count(reopened, new Document())).isEqualTo(docs + 501);
            assertThat(count(reopened, new Document("v", 1))).isEqualTo(docs * 9 / 10);
        } finally {
            reopened.close();
        }
    }

    private static void assertEveryWriteOnce(Path image, int expected) {
        DurableH2Backend reopened = DurableH2Backend.open(image, false, 3_600_000, 0);
        try {
            assertThat(count(reopened, new Document())).as(image.getFileName() + ": documents").isEqualTo(expected);
            for (int i = 0; i < expected; i++) {
                assertThat(count(reopened, new Document("_id", i))).as("document " + i).isEqualTo(1);
            }
            // The unique index agrees with the documents: a write the replay would repeat is refused.
            Document again = reopened.handleCommand(new EmbeddedChannel(), DB, "insert", new Document("insert", COLLECTION)
                    .append("documents", List.of(new Document("_id", expected - 1))).append("$db", DB));
            assertThat(again.get("writeErrors")).as("duplicate refused").isNotNull();
        } finally {
            reopened.close();
        }
    }

    private static void insert(DurableH2Backend backend, int from, int to) {
        for (int i = from; i < to; i++) {
            Document result = backend.handleCommand(new EmbeddedChannel(), DB, "insert", new Document("insert", COLLECTION)
                    .append("documents", List.of(new Document("_id", i).append("v", 0).append("pad", "x".repeat(200))))
                    .append("$db", DB));
            assertThat(result.get("writeErrors")).isNull();
        }
    }

    private static void setBelow(DurableH2Backend backend, int below) {
        backend.handleCommand(new EmbeddedChannel(), DB, "update", new Document("update", COLLECTION)
                .append("updates", List.of(new Document("q", new Document("_id", new Document("$lt", below)))
                        .append("u", new Document("$set", new Document("v", 1))).append("multi", true)))
                .append("$db", DB));
        assertThat(count(backend, new Document("v", 1))).isEqualTo(below);
    }

    private static int count(DurableH2Backend backend, Document filter) {
        Document result = backend.handleCommand(new EmbeddedChannel(), DB, "count",
                new Document("count", COLLECTION).append("query", filter).append("$db", DB));
        return ((Number) result.get("n")).intValue();
    }

    private static void awaitQueued(ThreadPoolExecutor serializer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (serializer.getQueue().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the checkpoint handed no pages to the serializer");
            }
            Thread.sleep(5);
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @Test
    void given_no_serializer_when_checkpointed_then_the_commit_is_written_under_the_lock_and_reopens() {
        DurableH2Backend backend = DurableH2Backend.open(dir, false, 3_600_000, 0, (ThreadPoolExecutor) null);
        try {
            assertThat(backend.serializesOutsideTheLock()).isFalse();
            insert(backend, 0, 5);
            backend.checkpoint();
        } finally {
            backend.close();
        }
        assertEveryWriteOnce(dir, 5);
    }
}
