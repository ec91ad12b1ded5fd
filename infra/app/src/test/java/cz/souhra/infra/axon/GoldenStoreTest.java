package cz.souhra.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.store.EmbeddedStore;
import cz.souhra.query.audit.Ledger;
import cz.souhra.query.audit.LedgerVerifier;
import cz.souhra.shared.json.EventJson;

/**
 * A data directory written by a released Souhra (the demo region, through the real application) is checked
 * in under {@code src/test/resources/golden-store} with a manifest of what it holds. Today's engine must
 * open it, give back every event in the event store's order, read each through today's upcasters and
 * mapper, keep its ledger verifying, and refuse a second event at an existing (aggregate, sequence): the
 * unique index orders keys in mongo-java-server's and H2's encodings, which a version bump could change
 * without any test written at run time noticing. The fixture is rewritten only on purpose
 * ({@code -Dsouhra.golden-store.write=true}), e.g. when a release changes the file format deliberately.
 */
class GoldenStoreTest {

    static final Path FIXTURE = Path.of("src/test/resources/golden-store");
    static final Path DATA = FIXTURE.resolve("store");
    static final Path MANIFEST = FIXTURE.resolve("manifest.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void todays_engine_reads_every_event_of_a_released_store_in_order_and_its_unique_index_still_refuses_a_duplicate(@TempDir Path tmp) throws Exception {
        var manifest = JSON.readTree(MANIFEST.toFile());
        Path dir = copy(DATA, tmp.resolve("data"));
        Serializer serializer = EventJson.serializer();
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, true, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase db = client.getDatabase("souhra");
            List<String> ids = new ArrayList<>();
            Map<String, Long> nextSequence = new HashMap<>();
            for (Document d : db.getCollection("domainevents").find()
                    .sort(Sorts.ascending("timestamp", "sequenceNumber", "eventIdentifier"))) {
                var entry = new GenericDomainEventEntry<>(d.getString("type"), d.getString("aggregateIdentifier"),
                        ((Number) d.get("sequenceNumber")).longValue(), d.getString("eventIdentifier"), d.getString("timestamp"),
                        d.getString("payloadType"), d.getString("payloadRevision"), d.getString("serializedPayload"), d.getString("serializedMetaData"));
                Object event = serializer.deserialize(EventJson.upcasterChain()
                        .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).findFirst().orElseThrow().getData());
                assertThat(event.getClass().getName()).isEqualTo(d.getString("payloadType"));
                long expected = nextSequence.getOrDefault(entry.getAggregateIdentifier(), 0L);
                assertThat(entry.getSequenceNumber()).as("sequence of " + entry.getAggregateIdentifier()).isEqualTo(expected);
                nextSequence.put(entry.getAggregateIdentifier(), expected + 1);
                ids.add(entry.getEventIdentifier());
            }
            assertThat(ids).hasSize(manifest.get("events").asInt());
            assertThat(ids.get(0)).isEqualTo(manifest.get("firstEventId").asText());
            assertThat(ids.get(ids.size() - 1)).isEqualTo(manifest.get("lastEventId").asText());

            assertThat(new LedgerVerifier(Ledger.over(db)).verify((done, total) -> { }).ok()).as("the released ledger verifies").isTrue();

            Document existing = db.getCollection("domainevents").find().first();
            Document duplicate = new Document(existing).append("_id", new org.bson.types.ObjectId()).append("eventIdentifier", "duplicate");
            assertThatThrownBy(() -> db.getCollection("domainevents").insertOne(duplicate))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(ErrorCategory.fromErrorCode(e.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "souhra.golden-store.write", matches = "true")
    void write_the_golden_store(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("data");
        SouhraApplication.disableUpdateChecker();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SouhraApplication.class).run(
                "--server.port=0", "--souhra.data-dir=" + dir, "--souhra.demo=true",
                "--souhra.admin-password=zlatý-kohout-na-věži-radnice-9", "--souhra.overdue.initial-delay=PT1H")) {
            EmbeddedStore store = app.getBean(EmbeddedStore.class);
            try (MongoClient client = MongoClients.create(store.connectionString())) {
                MongoDatabase db = client.getDatabase("souhra");
                Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
                while (db.getCollection("ledger").countDocuments() < db.getCollection("domainevents").countDocuments()) {
                    assertThat(Instant.now()).as("the ledger caught up with the events").isBefore(deadline);
                    Thread.sleep(200);
                }
            }
        }
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, true, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            var events = client.getDatabase("souhra").getCollection("domainevents").find()
                    .sort(Sorts.ascending("timestamp", "sequenceNumber", "eventIdentifier")).into(new ArrayList<>());
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("events", events.size());
            manifest.put("firstEventId", events.get(0).getString("eventIdentifier"));
            manifest.put("lastEventId", events.get(events.size() - 1).getString("eventIdentifier"));
            manifest.put("writtenWith", jarName(org.h2.mvstore.MVStore.class) + ", " + jarName(de.bwaldvogel.mongo.MongoServer.class));
            manifest.put("writtenAt", Instant.now().toString());
            deleteRecursively(DATA);
            copy(dir, DATA);
            Files.writeString(MANIFEST, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
        }
    }

    static String jarName(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).getFileName().toString();
    }

    /** Copies the store's files, not its process lock. */
    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f) && !f.getFileName().toString().endsWith(".lock")) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        return to;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
