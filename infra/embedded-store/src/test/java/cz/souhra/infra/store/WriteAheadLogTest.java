package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.bson.Document;

/**
 * What survives a machine crash is a prefix of the log: a record is replayed only if every record before
 * it was, and a log that no longer connects to the store file is refused, not half-applied.
 */
class WriteAheadLogTest {

    @TempDir
    Path dir;

    @Test
    void given_zeroed_page_inside_the_unsynced_tail_when_replayed_then_records_after_the_hole_are_not_applied() throws Exception {
        long holeAt;
        try (WriteAheadLog log = new WriteAheadLog(dir, false, 1)) {
            log.append(1, "souhra", "insert", new Document("n", 1));
            log.append(2, "souhra", "insert", new Document("n", 2));
            holeAt = log.bytesInCurrent();
            log.append(3, "souhra", "insert", new Document("n", 3));
            log.append(4, "souhra", "insert", new Document("n", 4));
        }
        Path file = WriteAheadLog.files(dir).get(0);
        long third = Files.size(file) - holeAt;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            // the disk kept records 1, 2 and 4, but the page with record 3 never reached it
            raf.seek(holeAt);
            raf.write(new byte[(int) (third / 2)]);
        }
        List<Long> applied = new ArrayList<>();

        long last = WriteAheadLog.replay(dir, 0, e -> applied.add(e.seq()));

        assertThat(applied).containsExactly(1L, 2L);
        assertThat(last).isEqualTo(2);
    }

    @Test
    void given_records_of_very_different_sizes_when_appended_and_replayed_then_each_comes_back_whole_and_the_file_holds_their_exact_length() throws Exception {
        List<Document> written = List.of(new Document("n", 1).append("big", "x".repeat(3 << 20)), new Document("n", 2),
                new Document("n", 3).append("text", "y".repeat(70_000)), new Document("n", 4), new Document("n", 5).append("big", "z".repeat(2 << 20)));
        long bytes;
        try (WriteAheadLog log = new WriteAheadLog(dir, false, 1)) {
            for (int i = 0; i < written.size(); i++) {
                log.append(i + 1, "souhra", "insert", written.get(i));
            }
            bytes = log.bytesInCurrent();
        }
        List<WriteAheadLog.Entry> replayed = new ArrayList<>();

        long last = WriteAheadLog.replay(dir, 0, replayed::add);

        assertThat(last).isEqualTo(written.size());
        assertThat(replayed).extracting(WriteAheadLog.Entry::query).containsExactlyElementsOf(written);
        assertThat(replayed).extracting(WriteAheadLog.Entry::command).containsOnly("insert");
        assertThat(Files.size(WriteAheadLog.files(dir).get(0))).as("nothing beyond the records").isEqualTo(bytes);
    }

    @Test
    void given_log_beginning_after_the_checkpoint_when_replayed_then_start_is_refused_with_clear_message() {
        try (WriteAheadLog log = new WriteAheadLog(dir, false, 8)) {
            log.append(8, "souhra", "insert", new Document("n", 8));
        }
        List<Long> applied = new ArrayList<>();

        assertThatThrownBy(() -> WriteAheadLog.replay(dir, 5, e -> applied.add(e.seq())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("begins at write 8")
                .hasMessageContaining("only up to 5");
        assertThat(applied).isEmpty();
    }

    @Test
    void given_records_already_in_the_checkpoint_when_replayed_then_only_later_ones_are_applied_in_order() {
        try (WriteAheadLog log = new WriteAheadLog(dir, false, 1)) {
            for (long s = 1; s <= 5; s++) {
                log.append(s, "souhra", "insert", new Document("n", s));
            }
        }
        List<Long> applied = new ArrayList<>();

        assertThat(WriteAheadLog.replay(dir, 3, e -> applied.add(e.seq()))).isEqualTo(5);
        assertThat(applied).containsExactly(4L, 5L);
    }

    @Test
    void given_checkpoint_before_any_write_when_a_write_follows_then_the_write_is_in_a_log_file_on_disk() {
        DurableH2Backend backend = DurableH2Backend.open(dir, false, 3_600_000, 0);
        try {
            // The first checkpoint of every store, when the first write is more than a second away.
            backend.checkpoint();
            backend.handleCommand(new io.netty.channel.embedded.EmbeddedChannel(), "souhra", "insert",
                    new Document("insert", "probe").append("documents", List.of(new Document("_id", 1))).append("$db", "souhra"));
            List<String> onDisk = new ArrayList<>();

            WriteAheadLog.replay(dir, 0, e -> onDisk.add(e.command()));

            assertThat(onDisk).as("what a SIGKILL now would leave to replay").contains("insert");
        } finally {
            backend.close();
        }
    }

    @Test
    void given_write_concerns_when_classified_then_only_journaled_or_majority_writes_wait_for_the_disk() {
        assertThat(DurableH2Backend.wantsJournal(new Document("insert", "domainevents")
                .append("writeConcern", new Document("w", "majority").append("j", true)))).isTrue();
        assertThat(DurableH2Backend.wantsJournal(new Document("insert", "x").append("writeConcern", new Document("j", true)))).isTrue();
        assertThat(DurableH2Backend.wantsJournal(new Document("insert", "x").append("writeConcern", new Document("w", "majority")))).isTrue();
        assertThat(DurableH2Backend.wantsJournal(new Document("update", "trackingtokens").append("writeConcern", new Document("w", 1)))).isFalse();
        assertThat(DurableH2Backend.wantsJournal(new Document("update", "measure_status"))).isFalse();
    }
}
