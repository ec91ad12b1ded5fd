package cz.souhra.infra.axon;

import static org.axonframework.eventsourcing.utils.EventStoreTestUtils.createEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.function.UnaryOperator;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.AbstractMongoEventStorageEngineTest;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.utils.TestSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cz.souhra.infra.store.EmbeddedStore;

/**
 * Axon's own contract for a Mongo event storage engine (the test suite axon-mongo runs against a real
 * MongoDB, from its published test jar) run against the embedded store, with the storage strategy the
 * application uses on it. The store answers Axon's queries in its own ways — the event timeline for
 * tracking reads, point lookups for an aggregate's stream, its own unique index for the 409s — and this
 * is where a difference from MongoDB's answers would show: ordering by time, tokens at a time, gaps,
 * snapshots, duplicate detection, upcasting, large streams.
 */
class EmbeddedStoreEventStorageContractTest extends AbstractMongoEventStorageEngineTest {

    /** The application's default ({@code souhra.event-store.lookback}), which is also Axon's. */
    private static final Duration LOOKBACK = Duration.ofSeconds(1);

    private static Path dir;
    private static EmbeddedStore store;
    private static MongoClient client;

    private MongoTemplate template;

    @BeforeAll
    static void startStore() throws Exception {
        dir = Files.createTempDirectory("souhra-axon-contract");
        store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
        client = MongoClients.create(store.connectionString("contract"));
    }

    @AfterAll
    static void stopStore() {
        client.close();
        store.close();
    }

    @BeforeEach
    void setUp() {
        template = DefaultMongoTemplate.builder().mongoDatabase(client, "contract").build();
        setTestSubject(createEngine());
    }

    /** Empties the collections; the indexes stay (Souhra never drops one; the engine creates them again anyway). */
    @Override
    @AfterEach
    public void tearDown() {
        template.eventCollection().deleteMany(new Document());
        template.snapshotCollection().deleteMany(new Document());
    }

    /**
     * As on MongoDB (axon-mongo's MongoEventStorageEngineTest makes the same override): events are read in
     * the order of their timestamps, not of their appends, so a token before the first event reads them so.
     */
    @Test
    @Override
    public void createTokenAtTimeBeforeFirstEvent() {
        DomainEventMessage<String> event1 = createEvent(0, Instant.parse("2007-12-03T10:15:30.00Z"));
        DomainEventMessage<String> event2 = createEvent(1, Instant.parse("2007-12-03T10:15:40.00Z"));
        DomainEventMessage<String> event3 = createEvent(2, Instant.parse("2007-12-03T10:15:35.00Z"));
        MongoEventStorageEngine engine = createEngine();
        engine.appendEvents(event1, event2, event3);

        TrackingToken before = engine.createTokenAt(Instant.parse("2006-12-03T10:15:30.00Z"));

        assertEventStreamsById(List.of(event1, event3, event2), engine.readEvents(before, false).collect(Collectors.toList()));
    }

    @Override
    protected MongoEventStorageEngine createEngine(UnaryOperator<MongoEventStorageEngine.Builder> customization) {
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder()
                .snapshotSerializer(TestSerializer.xStreamSerializer())
                .eventSerializer(TestSerializer.xStreamSerializer())
                .mongoTemplate(template)
                .storageStrategy(new PointLookupStorageStrategy(EventEntryConfiguration.getDefault(), LOOKBACK));
        return customization.apply(builder).build();
    }
}
