package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.backend.KeyValue;

class IndexKeyTypeTest {

    @Test
    void given_index_keys_of_every_kind_when_compared_then_the_order_is_h2s_default_order() {
        Random random = new Random(20261123);
        ObjectDataType h2 = new ObjectDataType();
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            keys.add(switch (i % 5) {
                case 0 -> new KeyValue(Integer.toHexString(random.nextInt()));
                case 1 -> new KeyValue(new ObjectId());
                case 2 -> new KeyValue("agg-" + random.nextInt(50), (long) random.nextInt(30));
                case 3 -> new KeyValue("agg-" + random.nextInt(50), random.nextInt(30));
                default -> new KeyValue("ledger", random.nextInt(3));
            });
        }
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(IndexKeyType.INSTANCE.compare(a, b))).isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
    }

    @Test
    void given_index_keys_written_to_a_page_when_read_back_compared_and_written_again_then_they_are_not_serialized_again() {
        IndexKeyType type = new IndexKeyType();
        org.h2.mvstore.WriteBuffer page = new org.h2.mvstore.WriteBuffer();
        for (int i = 0; i < 50; i++) {
            type.write(page, new KeyValue("agg-" + i, (long) i));
        }
        java.nio.ByteBuffer stored = page.getBuffer().flip();
        List<Object> read = new ArrayList<>();
        // The bytes are kept in a cache slot chosen by the key object's identity hash: two of the 50 keys in
        // one slot (about 2 % of runs) evict each other, which is the cache working, not what this test is about.
        for (int attempt = 0; attempt == 0 || read.stream().map(IndexKeyType::slot).distinct().count() < read.size(); attempt++) {
            assertThat(attempt).as("50 keys in distinct cache slots").isLessThan(20);
            read.clear();
            stored.rewind();
            for (int i = 0; i < 50; i++) {
                read.add(type.read(stored));
            }
        }
        long before = type.serializations.sum();

        for (int i = 1; i < 50; i++) {
            assertThat(type.compare(read.get(i - 1), read.get(i))).isNotZero();
        }
        type.write(new org.h2.mvstore.WriteBuffer(), read.get(7));

        assertThat(read.get(7)).isEqualTo(new KeyValue("agg-7", 7L));
        assertThat(type.serializations.sum()).isEqualTo(before);
    }

    @Test
    void given_an_index_key_when_the_page_cache_asks_its_memory_then_it_is_about_its_size_not_h2s_ten_kilobyte_guess() {
        KeyValue key = new KeyValue("8d3c1f2e-6b1a-4c55-9d0e-3f1b2a7c9e10", 12L);

        assertThat(new ObjectDataType().getMemory(key)).isEqualTo(10_000);
        assertThat(IndexKeyType.INSTANCE.getMemory(key)).isBetween(100, 1_000);
    }

    @Test
    void given_a_store_file_written_with_h2s_default_key_type_when_souhra_opens_it_then_the_unique_index_finds_every_document() throws Exception {
        Path dir = Files.createTempDirectory("souhra-index-type");
        PlainH2Store.write(dir, db -> {
            MongoCollection<Document> events = db.getCollection("domainevents");
            events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
            for (int a = 0; a < 40; a++) {
                List<Document> stream = new ArrayList<>();
                for (long seq = 0; seq < 25; seq++) {
                    stream.add(new Document("aggregateIdentifier", "agg-" + a).append("sequenceNumber", seq));
                }
                events.insertMany(stream);
            }
        });

        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("souhra").getCollection("domainevents");
            int found = 0;
            for (int a = 0; a < 40; a++) {
                for (long seq = 0; seq < 25; seq++) {
                    found += events.find(new Document("aggregateIdentifier", "agg-" + a).append("sequenceNumber", seq)).first() == null ? 0 : 1;
                }
            }
            assertThat(found).isEqualTo(1_000);
            assertThatThrownBy(() -> events.insertOne(new Document("aggregateIdentifier", "agg-7").append("sequenceNumber", 24L)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            events.insertOne(new Document("aggregateIdentifier", "agg-7").append("sequenceNumber", 25L));
            assertThat(events.countDocuments()).isEqualTo(1_001);
        }
    }
}
