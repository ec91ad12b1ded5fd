package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.condition.EnabledIf;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.MongoCommandException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/**
 * The store on a file system that fills up: writes are refused with the store's fault code (not a generic
 * error, not for ever), and once space is freed they are taken again by the same process, with every
 * acknowledged write kept and no refused one stored, also after a restart.
 */
@EnabledIf(value = "cz.souhra.infra.store.SmallFileSystem#mountable", disabledReason = "mounting a tmpfs needs root (CAP_SYS_ADMIN)")
class StoreDiskFullTest {

    private static final String PAYLOAD = "x".repeat(4_000);

    @Test
    void given_disk_full_when_writing_then_refused_with_the_fault_and_after_space_is_freed_writes_resume_with_nothing_acknowledged_lost() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(8)) {
            Path data = fs.dir().resolve("data");
            Set<Integer> acknowledged = new HashSet<>();
            Set<Integer> refused = new HashSet<>();
            int next = 0;
            try (EmbeddedStore store = EmbeddedStore.start(data, "127.0.0.1", 0, true, 0);
                 MongoClient client = client(store)) {
                MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs").withWriteConcern(WriteConcern.JOURNALED);
                for (; next < 50; next++) {
                    docs.insertOne(doc(next));
                    acknowledged.add(next);
                }
                Path filler = fs.fill(64 * 1024);

                MongoCommandException fault = null;
                for (int tries = 0; fault == null && tries < 2_000; tries++, next++) {
                    try {
                        docs.insertOne(doc(next));
                        acknowledged.add(next);
                    } catch (MongoCommandException e) {
                        fault = e;
                        if (e.getErrorCode() == StoreFaultException.CODE) {
                            refused.add(next);
                        }
                    }
                }
                assertThat(fault).as("the disk filled up").isNotNull();
                assertThat(fault.getErrorCode()).isIn(StoreFaultException.CODE, StoreFaultException.CODE_OUTCOME_UNKNOWN);
                assertThat(fault.getErrorMessage()).contains("No space left on device");
                awaitReason(store);
                assertThat(store.unavailableReason()).contains("No space left on device");
                // while the disk stays full: refused again, quickly, and reads too (memory may hold a refused write)
                for (int i = 0; i < 20; i++, next++) {
                    try {
                        docs.insertOne(doc(next));
                        acknowledged.add(next);
                    } catch (MongoCommandException e) {
                        assertThat(e.getErrorCode()).isEqualTo(StoreFaultException.CODE);
                        refused.add(next);
                    }
                }
                Thread.sleep(2_500); // several reopen attempts fail on the full disk
                assertThat(store.unavailableReason()).isNotNull();

                Files.delete(filler);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                boolean resumed = false;
                while (!resumed && System.nanoTime() < deadline) {
                    try {
                        docs.insertOne(doc(next));
                        acknowledged.add(next);
                        resumed = true;
                    } catch (MongoCommandException e) {
                        assertThat(e.getErrorCode()).isEqualTo(StoreFaultException.CODE);
                        refused.add(next);
                        Thread.sleep(100);
                    }
                    next++;
                }
                assertThat(resumed).as("writes resume without a restart").isTrue();
                assertThat(store.unavailableReason()).isNull();
                for (int i = 0; i < 20; i++, next++) {
                    docs.insertOne(doc(next));
                    acknowledged.add(next);
                }
                assertThat(ids(docs)).containsAll(acknowledged).doesNotContainAnyElementsOf(refused);
            }
            // and from the files alone
            try (EmbeddedStore reopened = EmbeddedStore.start(data, "127.0.0.1", 0, true, 0);
                 MongoClient client = client(reopened)) {
                Set<Integer> stored = ids(client.getDatabase("t").getCollection("docs"));
                assertThat(stored).containsAll(acknowledged).doesNotContainAnyElementsOf(refused);
            }
        }
    }

    @Test
    void given_disk_full_when_a_checkpoint_fails_then_the_opening_refuses_commands_and_the_files_reopen_with_every_logged_write() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(8)) {
            Path data = Files.createDirectories(fs.dir().resolve("data"));
            DurableH2Backend backend = DurableH2Backend.open(data, true, 3_600_000, 0);
            for (int i = 0; i < 300; i++) {
                de.bwaldvogel.mongo.bson.Document result = backend.handleCommand(new EmbeddedChannel(), "t", "insert", insert(i));
                assertThat(result.get("writeErrors")).isNull();
            }
            Path filler = fs.fill(0);

            assertThatThrownBy(backend::checkpoint).as("the checkpoint's pages do not fit").isNotNull();
            assertThat(backend.fault()).isNotNull();
            assertThatThrownBy(() -> backend.handleCommand(new EmbeddedChannel(), "t", "insert", insert(300)))
                    .isInstanceOf(StoreFaultException.class);
            assertThatThrownBy(() -> backend.handleCommand(new EmbeddedChannel(), "t", "count", new de.bwaldvogel.mongo.bson.Document("count", "docs").append("$db", "t")))
                    .as("reads too: this opening is finished").isInstanceOf(StoreFaultException.class);
            backend.abandon();

            assertThatThrownBy(() -> DurableH2Backend.open(data, true, 3_600_000, 0)).as("still full: the recovery cannot commit").isNotNull();
            Files.delete(filler);
            DurableH2Backend reopened = DurableH2Backend.open(data, true, 3_600_000, 0);
            try {
                de.bwaldvogel.mongo.bson.Document count = reopened.handleCommand(new EmbeddedChannel(), "t", "count", new de.bwaldvogel.mongo.bson.Document("count", "docs").append("$db", "t"));
                assertThat(((Number) count.get("n")).intValue()).isEqualTo(300);
            } finally {
                reopened.close();
            }
        }
    }

    @Test
    void given_a_write_refused_on_a_full_disk_when_a_checkpoint_follows_with_room_again_then_the_refused_write_is_not_committed() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(8)) {
            Path data = Files.createDirectories(fs.dir().resolve("data"));
            DurableH2Backend backend = DurableH2Backend.open(data, true, 3_600_000, 0);
            for (int i = 0; i < 20; i++) {
                backend.handleCommand(new EmbeddedChannel(), "t", "insert", insert(i));
            }
            backend.checkpoint();
            Path filler = fs.fill(0);
            // applied in memory, then refused at the log's append
            int refused = -1;
            for (int i = 20; i < 2_000 && refused < 0; i++) {
                try {
                    backend.handleCommand(new EmbeddedChannel(), "t", "insert", insert(i));
                } catch (StoreFaultException e) {
                    refused = i;
                }
            }
            assertThat(refused).as("an append failed").isPositive();
            // Room again before the checkpoint that was already waiting for the lock commits: it must not commit
            // what memory holds. compact() reaches the commit without the checkpoint's first check of the fault.
            Files.delete(filler);
            assertThatThrownBy(backend::compact).isInstanceOf(StoreFaultException.class);
            backend.abandon();

            DurableH2Backend reopened = DurableH2Backend.open(data, true, 3_600_000, 0);
            try {
                de.bwaldvogel.mongo.bson.Document found = reopened.handleCommand(new EmbeddedChannel(), "t", "count",
                        new de.bwaldvogel.mongo.bson.Document("count", "docs").append("query", new de.bwaldvogel.mongo.bson.Document("_id", refused)).append("$db", "t"));
                assertThat(((Number) found.get("n")).intValue()).as("the refused write").isZero();
            } finally {
                reopened.close();
            }
        }
    }

    private static de.bwaldvogel.mongo.bson.Document insert(int n) {
        return new de.bwaldvogel.mongo.bson.Document("insert", "docs").append("documents", java.util.List.of(new de.bwaldvogel.mongo.bson.Document("_id", n).append("pad", PAYLOAD)))
                .append("$db", "t");
    }

    private static void awaitReason(EmbeddedStore store) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (store.unavailableReason() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static Document doc(int n) {
        return new Document("_id", n).append("payload", PAYLOAD);
    }

    private static Set<Integer> ids(MongoCollection<Document> docs) {
        Set<Integer> ids = new HashSet<>();
        docs.find().projection(new Document("_id", 1)).forEach(d -> ids.add(d.getInteger("_id")));
        return ids;
    }

    private static MongoClient client(EmbeddedStore store) {
        return MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(store.connectionString()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS)).build());
    }
}
