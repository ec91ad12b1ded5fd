package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import cz.souhra.infra.axon.AxonMongoConfiguration;
import cz.souhra.infra.axon.PointLookupStorageStrategy;

/**
 * Tracking reads of the event collection are answered from the store's in-memory timeline instead of a
 * scan; what a processor reads must not change: every event once, in (timestamp, sequence) order, also
 * after events are added by other writers and after the collection is changed behind the timeline.
 */
class EventTimelineTest {

    @Test
    void given_concurrent_writers_when_tracking_in_small_batches_then_every_event_is_read_once_in_timestamp_order() throws Exception {
        Path dir = Files.createTempDirectory("souhra-timeline");
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0, AxonMongoConfiguration.eventCollection());
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoEventStorageEngine engine = engine(client);
            append(engine, 600);
            // The first tracking read builds the timeline; the writes after it must extend it.
            assertThat(trackAll(engine)).hasSize(600);
            append(engine, 400);

            List<String> tracked = trackAll(engine);
            MongoCollection<Document> events = client.getDatabase("souhra").getCollection("domainevents");
            List<String> scanned = new ArrayList<>();
            // Without a batch size this query is not a tracking read: the store scans and sorts it itself.
            events.find().sort(Sorts.ascending("timestamp", "sequenceNumber")).forEach(d -> scanned.add(d.getString("eventIdentifier")));

            assertThat(tracked).hasSize(1000).doesNotHaveDuplicates();
            assertThat(tracked).containsExactlyInAnyOrderElementsOf(scanned);
            assertThat(timestamps(events, tracked)).isSorted();
            assertThat(store.backend().timelineReadCount()).isGreaterThan(1000 / 7);
        }
    }

    @Test
    void given_an_event_deleted_behind_the_timeline_when_tracking_again_then_it_is_not_read_and_later_appends_are() throws Exception {
        Path dir = Files.createTempDirectory("souhra-timeline");
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0, AxonMongoConfiguration.eventCollection());
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoEventStorageEngine engine = engine(client);
            append(engine, 48);
            List<String> before = trackAll(engine);
            MongoCollection<Document> events = client.getDatabase("souhra").getCollection("domainevents");
            events.deleteOne(Filters.eq("eventIdentifier", before.get(10)));
            append(engine, 8);

            List<String> after = trackAll(engine);

            assertThat(before).hasSize(48);
            assertThat(after).hasSize(55).doesNotContain(before.get(10));
        }
    }

    private static MongoEventStorageEngine engine(MongoClient client) {
        var serializer = cz.souhra.shared.json.EventJson.serializer();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "souhra").build())
                .eventSerializer(serializer).snapshotSerializer(serializer).batchSize(7)
                .storageStrategy(new PointLookupStorageStrategy(EventEntryConfiguration.getDefault(), Duration.ofSeconds(1)))
                .build();
        engine.ensureIndexes();
        return engine;
    }

    private static void append(MongoEventStorageEngine engine, int events) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            fs.add(pool.submit(() -> {
                String id = UUID.randomUUID().toString();
                for (int i = 0; i < events / 4; i++) {
                    engine.appendEvents(new GenericDomainEventMessage<>("Probe", id, i, new DurabilityProbe.ProbeEvent(id, i)));
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
    }

    private static List<String> trackAll(MongoEventStorageEngine engine) {
        return engine.readEvents(null, false).map(e -> ((TrackedEventMessage<?>) e).getIdentifier()).toList();
    }

    private static List<String> timestamps(MongoCollection<Document> events, List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            out.add(events.find(Filters.eq("eventIdentifier", id)).first().getString("timestamp"));
        }
        return out;
    }
}
