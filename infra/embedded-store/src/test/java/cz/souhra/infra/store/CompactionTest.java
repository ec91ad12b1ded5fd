package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.h2.mvstore.MVStoreTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The running store keeps its file within twice its live data: compaction rewrites sparse chunks and moves
 * chunks into the freed space, so the file shrinks while it serves; opening the store does not depend on
 * how much history the file has seen. Every document survives each step, also in the image a crash right
 * after it would leave.
 */
class CompactionTest {

    private static final String DB = "souhra";
    private static final String COLLECTION = "event_history";
    private static final int DOCS = 400;
    private static final String FILLER = "ř".repeat(5_000); // 10 kB in UTF-8

    @TempDir
    Path dir;

    @TempDir
    Path crashes;

    @Test
    void given_a_file_mostly_of_dead_pages_when_compacted_while_running_then_it_shrinks_within_twice_its_live_data_and_keeps_every_document() throws Exception {
        // fsync: the store then reuses freed chunks at once (no retention time), as Souhra runs it
        DurableH2Backend backend = DurableH2Backend.open(dir, true, 3_600_000, 0);
        long sparse;
        long compacted;
        List<Path> images = new ArrayList<>();
        try {
            churn(backend, 8);
            sparse = backend.fileSize();
            // as the store runs it: a checkpoint after the writes of each second, a compaction every few
            for (int round = 0; round < 40; round++) {
                replace(backend, round % DOCS, 8 + round);
                backend.checkpoint();
                if (backend.compact() && images.size() < 3) {
                    images.add(copy(dir, crashes.resolve("round-" + round)));
                }
            }
            compacted = backend.fileSize();
        } finally {
            backend.close();
        }
        long live = liveBytes(dir.resolve("souhra.mv.db"));

        assertThat(sparse).as("the churn left a file of mostly dead pages").isGreaterThan(3 * live);
        assertThat(images).as("the compaction had work to do").isNotEmpty();
        assertThat(compacted).as("file %d bytes against %d live", compacted, live).isLessThanOrEqualTo(2 * live);
        assertEveryDocument(dir);
        for (Path image : images) {
            assertEveryDocument(image);
        }
    }

    @Test
    void given_a_sparse_file_when_the_store_opens_then_it_does_not_rewrite_the_file_first() throws Exception {
        // without fsync MVStore keeps dead chunks for its retention time: a file far above its live data
        DurableH2Backend backend = DurableH2Backend.open(dir, false, 3_600_000, 0);
        try {
            churn(backend, 4);
        } finally {
            backend.close();
        }
        long closed = Files.size(dir.resolve("souhra.mv.db"));
        long live = liveBytes(dir.resolve("souhra.mv.db"));
        assertThat(closed).as("sparse: %d bytes against %d live", closed, live).isGreaterThan(2 * live);

        DurableH2Backend reopened = DurableH2Backend.open(dir, true, 3_600_000, 0);
        try {
            assertThat(reopened.fileSize()).as("the opening copied nothing").isGreaterThanOrEqualTo(closed);
            assertThat(count(reopened, new Document())).isEqualTo(DOCS);
        } finally {
            reopened.close();
        }
    }

    /** Inserts the documents, then replaces every one of them {@code rounds - 1} times, with a checkpoint after each round. */
    private static void churn(DurableH2Backend backend, int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < DOCS; i++) {
                if (round == 0) {
                    Document result = backend.handleCommand(new EmbeddedChannel(), DB, "insert", new Document("insert", COLLECTION)
                            .append("documents", List.of(doc(i, 0))).append("$db", DB));
                    assertThat(result.get("writeErrors")).isNull();
                } else {
                    replace(backend, i, round);
                }
            }
            backend.checkpoint();
        }
    }

    private static void replace(DurableH2Backend backend, int i, int round) {
        backend.handleCommand(new EmbeddedChannel(), DB, "update", new Document("update", COLLECTION)
                .append("updates", List.of(new Document("q", new Document("_id", i)).append("u", doc(i, round))))
                .append("$db", DB));
    }

    private static Document doc(int i, int round) {
        return new Document("_id", i).append("round", round).append("note", FILLER + i);
    }

    private static void assertEveryDocument(Path image) {
        DurableH2Backend reopened = DurableH2Backend.open(image, false, 3_600_000, 0);
        try {
            assertThat(count(reopened, new Document())).as(image + ": documents").isEqualTo(DOCS);
            for (int i = 0; i < DOCS; i += 37) {
                Document result = reopened.handleCommand(new EmbeddedChannel(), DB, "find",
                        new Document("find", COLLECTION).append("filter", new Document("_id", i)).append("$db", DB));
                @SuppressWarnings("unchecked")
                List<Document> found = (List<Document>) ((Document) result.get("cursor")).get("firstBatch");
                assertThat(found).hasSize(1);
                assertThat(found.get(0).get("note")).isEqualTo(FILLER + i);
            }
        } finally {
            reopened.close();
        }
    }

    private static int count(DurableH2Backend backend, Document filter) {
        Document result = backend.handleCommand(new EmbeddedChannel(), DB, "count",
                new Document("count", COLLECTION).append("query", filter).append("$db", DB));
        return ((Number) result.get("n")).intValue();
    }

    /** The live pages only: the size of a compacted copy. */
    private static long liveBytes(Path file) throws IOException {
        Path copy = file.resolveSibling("live-copy.mv.db");
        MVStoreTool.compact(file.toString(), copy.toString(), false);
        long size = Files.size(copy);
        Files.delete(copy);
        return size;
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
}
