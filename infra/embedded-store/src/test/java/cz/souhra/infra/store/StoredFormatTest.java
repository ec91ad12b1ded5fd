package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The store's own key and value types: documents as BSON, ObjectId keys as 12 bytes. They must give back
 * exactly what was stored, keep H2's order, read files written with H2's default types, and survive the
 * threads of the store comparing keys of different types at once.
 */
class StoredFormatTest {

    @Test
    void given_a_document_with_every_stored_value_kind_when_written_and_read_then_it_is_equal_and_kept_in_bson() {
        Document nested = new Document("ubytovna", "Liberec-jih").append("lůžek", 120).append("tags", List.of("a", 1, 2L, 3.5, true));
        Document d = new Document("_id", new ObjectId())
                .append("text", "Zmapováno 12 z 30 ubytoven – \u00e9\u0161\u010d 🏠")
                .append("int", 42).append("long", 1L << 40).append("double", 0.1).append("true", true).append("null", null)
                .append("instant", Instant.parse("2026-11-23T10:15:30.123Z")).append("nested", nested)
                .append("list", List.of(new Document("x", 1), List.of(1, 2), "s"))
                .append("decimal", new Decimal128(new BigDecimal("12.50"))).append("uuid", UUID.fromString("3b241101-e2bb-4255-8caf-4136c566a962"))
                .append("legacyUuid", new LegacyUUID(UUID.fromString("3b241101-e2bb-4255-8caf-4136c566a962")))
                .append("binary", new BinData(new byte[] {1, 2, 3})).append("timestamp", new BsonTimestamp(Instant.parse("2026-01-01T00:00:00Z"), 7))
                .append("min", MinKey.getInstance()).append("max", MaxKey.getInstance());

        ByteBuffer stored = write(new DocumentValueType(), d);

        assertThat(stored.get(0)).as("stored as BSON").isEqualTo(DocumentValueType.BSON);
        assertThat(new DocumentValueType().read(stored)).isEqualTo(d);
        assertThat(stored.remaining()).as("the reader consumed exactly the value").isZero();
    }

    @Test
    void given_documents_of_very_different_sizes_written_one_after_another_when_read_then_each_is_exactly_its_own_bson() {
        DocumentValueType type = new DocumentValueType();
        // past the kept scratch size, then small ones, then one that fails to encode in the middle of a run
        List<Document> docs = List.of(new Document("n", 1).append("big", "x".repeat(3 << 20)), new Document("n", 2),
                new Document("n", 3).append("text", "ubytovna č. " + "y".repeat(5000)), new Document("n", 4));
        for (Document d : docs) {
            ByteBuffer stored = write(type, d);
            io.netty.buffer.ByteBuf expected = io.netty.buffer.Unpooled.buffer();
            de.bwaldvogel.mongo.wire.bson.BsonEncoder.encodeDocument(d, expected);
            byte[] bson = new byte[expected.readableBytes()];
            expected.readBytes(bson);
            assertThat(stored.get(0)).isEqualTo(DocumentValueType.BSON);
            assertThat(type.read(stored.duplicate())).isEqualTo(d);
            stored.get();
            assertThat(org.h2.mvstore.DataUtils.readVarInt(stored)).isEqualTo(bson.length);
            byte[] body = new byte[stored.remaining()];
            stored.get(body);
            assertThat(body).as("no byte of an earlier, larger document is left in document %s", d.get("n")).isEqualTo(bson);
            ByteBuffer old = write(type, new Document("big", new BigInteger("1" + "0".repeat(30))));
            assertThat(old.get(0)).isNotEqualTo(DocumentValueType.BSON);
        }
    }

    @Test
    void given_a_value_bson_cannot_hold_when_written_then_it_is_stored_the_old_way_and_read_back() {
        Document d = new Document("big", new BigInteger("123456789012345678901234567890"));
        ByteBuffer stored = write(new DocumentValueType(), d);
        assertThat(stored.get(0)).isNotEqualTo(DocumentValueType.BSON);
        assertThat(new DocumentValueType().read(stored)).isEqualTo(d);
    }

    @Test
    void given_keys_of_the_kinds_souhra_stores_when_compared_then_the_order_is_h2s_default_order() {
        Random random = new Random(20261123);
        ObjectDataType h2 = new ObjectDataType();
        DocumentKeyType ours = new DocumentKeyType();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(switch (i % 3) {
                case 0 -> new ObjectId();
                case 1 -> UUID.randomUUID().toString();
                default -> (long) random.nextInt(1000);
            });
        }
        for (Object a : keys) {
            for (Object b : keys) {
                assertThat(Integer.signum(ours.compare(a, b))).isEqualTo(Integer.signum(h2.compare(a, b)));
            }
            ByteBuffer stored = write(ours, a);
            assertThat(ours.read(stored)).isEqualTo(a);
        }
    }

    @Test
    void given_threads_comparing_object_id_keys_while_others_size_string_keys_on_one_type_then_none_fails() throws Exception {
        // Sizing (like writing) a key moves ObjectDataType's shared last-used-type field, which its compare
        // of two ObjectIds reads twice: with H2's type this fails with "Can not compare".
        DocumentKeyType type = new DocumentKeyType();
        ObjectId[] ids = {new ObjectId(), new ObjectId()};
        String[] names = {"measure_status", "meetings"};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean objectIds = t % 2 == 0;
                runs.add(pool.submit(() -> {
                    long sum = 0;
                    for (int i = 0; i < 200_000; i++) {
                        sum += objectIds ? type.compare(ids[0], ids[1]) : type.getMemory(names[i % 2]);
                    }
                    return sum;
                }));
            }
            for (Future<Long> run : runs) {
                assertThat(run.get()).isNotZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void given_a_file_written_with_h2s_default_types_when_souhra_updates_part_of_it_and_reopens_twice_then_every_document_reads_back() throws Exception {
        Path dir = Files.createTempDirectory("souhra-stored-format");
        Map<String, org.bson.Document> expected = new TreeMap<>();
        PlainH2Store.write(dir, db -> {
            MongoCollection<org.bson.Document> events = db.getCollection("domainevents");
            MongoCollection<org.bson.Document> views = db.getCollection("measure_status");
            for (int i = 0; i < 300; i++) {
                events.insertOne(new org.bson.Document("aggregateIdentifier", "agg-" + i).append("sequenceNumber", 0L).append("note", "před " + i));
                views.insertOne(new org.bson.Document("_id", "m-" + i).append("percent", i % 101).append("owner", "UPLB"));
            }
        });

        for (int round = 0; round < 2; round++) {
            try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
                 MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<org.bson.Document> events = client.getDatabase("souhra").getCollection("domainevents");
                MongoCollection<org.bson.Document> views = client.getDatabase("souhra").getCollection("measure_status");
                if (round == 0) {
                    for (int i = 0; i < 300; i += 3) {
                        events.insertOne(new org.bson.Document("aggregateIdentifier", "agg-" + i).append("sequenceNumber", 1L).append("note", "po " + i));
                        views.updateOne(Filters.eq("_id", "m-" + i), Updates.set("percent", 100));
                    }
                    events.find().forEach(e -> expected.put("e:" + e.get("aggregateIdentifier") + "#" + e.get("sequenceNumber"), e));
                    views.find().forEach(v -> expected.put("v:" + v.get("_id"), v));
                    store.backend().checkpoint();
                } else {
                    Map<String, org.bson.Document> found = new TreeMap<>();
                    events.find().forEach(e -> found.put("e:" + e.get("aggregateIdentifier") + "#" + e.get("sequenceNumber"), e));
                    views.find().forEach(v -> found.put("v:" + v.get("_id"), v));
                    assertThat(found).hasSize(700).isEqualTo(expected);
                    assertThat(views.find(Filters.eq("_id", "m-3")).first()).containsEntry("percent", 100);
                    assertThat(views.find(Filters.eq("_id", "m-4")).first()).containsEntry("percent", 4);
                }
            }
        }
    }

    @Test
    void given_documents_inserted_updated_and_deleted_when_the_collection_is_read_then_they_are_exact_and_no_running_data_size_was_kept() throws Exception {
        Path dir = Files.createTempDirectory("souhra-no-data-size");
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            var db = client.getDatabase("souhra");
            MongoCollection<org.bson.Document> days = db.getCollection("event_history_subject_days");
            for (int i = 0; i < 50; i++) {
                days.updateOne(Filters.eq("_id", "m-1/2026-12-04"), Updates.set("e" + i, true), new com.mongodb.client.model.UpdateOptions().upsert(true));
            }
            days.insertOne(new org.bson.Document("_id", "m-2/2026-12-04").append("e0", true));
            days.deleteOne(Filters.eq("_id", "m-2/2026-12-04"));

            org.bson.Document day = days.find(Filters.eq("_id", "m-1/2026-12-04")).first();
            assertThat(day.keySet()).hasSize(51).contains("e0", "e49");
            assertThat(days.countDocuments()).isEqualTo(1);
            // the size mongo-java-server would keep costs two encodings of the whole document per update
            org.bson.Document stats = db.runCommand(new org.bson.Document("collStats", "event_history_subject_days"));
            assertThat(((Number) stats.get("size")).longValue()).isZero();
            assertThat(((Number) stats.get("count")).longValue()).isEqualTo(1);
        }
    }

    @Test
    void given_the_census_switched_on_when_a_workload_runs_then_its_commands_are_counted_by_name_and_collection() throws Exception {
        Path dir = Files.createTempDirectory("souhra-census");
        System.setProperty(DurableH2Backend.CENSUS_PROPERTY, "true");
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            System.clearProperty(DurableH2Backend.CENSUS_PROPERTY);
            MongoCollection<org.bson.Document> users = client.getDatabase("souhra").getCollection("users");
            for (int i = 0; i < 3; i++) {
                users.insertOne(new org.bson.Document("_id", "u-" + i));
            }
            users.find(Filters.eq("_id", "u-1")).first();
            users.find(Filters.eq("_id", "u-2")).first();
            users.updateOne(Filters.eq("_id", "u-0"), Updates.set("disabled", true));

            assertThat(store.backend().census()).containsEntry("insert users", 3L).containsEntry("find users", 2L).containsEntry("update users", 1L);
        } finally {
            System.clearProperty(DurableH2Backend.CENSUS_PROPERTY);
        }
        try (EmbeddedStore store = EmbeddedStore.start(Files.createTempDirectory("souhra-no-census"), "127.0.0.1", 0, false, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("souhra").getCollection("users").insertOne(new org.bson.Document("_id", "u-0"));
            assertThat(store.backend().census()).as("off unless asked for").isEmpty();
        }
    }

    private static ByteBuffer write(ObjectDataType type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        ByteBuffer out = buffer.getBuffer();
        out.flip();
        return ByteBuffer.wrap(Arrays.copyOf(out.array(), out.limit()));
    }
}
