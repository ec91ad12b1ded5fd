package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

class LargeReadTest {

    @Test
    void given_a_collection_larger_than_one_driver_reply_when_read_whole_without_a_batch_size_then_every_document_arrives() throws Exception {
        Path dir = Files.createTempDirectory("souhra-large-read");
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("souhra").getCollection("event_history");
            String filler = "ž".repeat(20_000); // 40 kB in UTF-8
            int count = 1_400; // ~56 MB in all, above the driver's 48 MB reply limit
            for (int from = 0; from < count; from += 200) {
                List<Document> chunk = new ArrayList<>();
                for (int i = from; i < from + 200; i++) {
                    chunk.add(new Document("_id", "e" + i).append("note", filler));
                }
                views.insertMany(chunk);
            }

            Set<Object> ids = new HashSet<>();
            views.find().forEach(d -> ids.add(d.get("_id")));

            assertThat(ids).hasSize(count);
        }
    }

    @Test
    void given_reads_and_writes_when_counted_then_each_command_counts_once_on_its_side() throws Exception {
        Path dir = Files.createTempDirectory("souhra-count");
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("souhra").getCollection("measure_status");
            c.insertOne(new Document("_id", "m1"));
            long reads = store.backend().readCount();
            long writes = store.backend().writeCount();

            c.insertMany(List.of(new Document("_id", "m2"), new Document("_id", "m3"))); // one command
            c.find(new Document("_id", "m2")).first();
            c.find(new Document("_id", "m3")).first();
            c.countDocuments();

            assertThat(store.backend().writeCount() - writes).isEqualTo(1);
            assertThat(store.backend().readCount() - reads).as("two finds and a count (an aggregation)").isEqualTo(3);
        }
    }
}
