package cz.souhra.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cz.souhra.infra.store.EmbeddedStore;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.events.user.UserRegisteredEvent;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.RegionCode;

/**
 * The rebuild's one-read history must be the tracking stream's history: the same events in the same
 * order with the same tokens, old revisions upcast, and a stream opened at the archive's last token
 * continuing with exactly the events stored after it.
 */
class MongoEventArchiveTest {

    private static final String A = "00000000-0000-4000-8000-00000000000a";
    private static final String B = "00000000-0000-4000-8000-00000000000b";
    private static final String C = "00000000-0000-4000-8000-00000000000c";
    private static final String D = "00000000-0000-4000-8000-00000000000d";

    private final Serializer serializer = cz.souhra.shared.json.EventJson.serializer();
    private EmbeddedStore store;
    private MongoClient client;
    private EmbeddedEventStore events;
    private MongoEventArchive archive;
    private MongoProperties properties;
    private DefaultListableBeanFactory upcasterBeans;

    @BeforeEach
    void start() throws Exception {
        store = EmbeddedStore.start(Files.createTempDirectory("souhra-archive"), "127.0.0.1", 0, false, 0);
        client = MongoClients.create(store.connectionString());
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "souhra").build())
                .eventSerializer(serializer).snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(new cz.souhra.shared.json.UserRegisteredV1Upcaster()))
                .storageStrategy(new PointLookupStorageStrategy(EventEntryConfiguration.getDefault(), Duration.ofSeconds(1)))
                .build();
        engine.ensureIndexes();
        events = EmbeddedEventStore.builder().storageEngine(engine).build();
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("v1", new cz.souhra.shared.json.UserRegisteredV1Upcaster());
        MongoProperties properties = new MongoProperties();
        properties.setDatabase("souhra");
        archive = new MongoEventArchive(client, properties, serializer, beans.getBeanProvider(EventUpcaster.class), Duration.ofSeconds(1), 0);
        this.properties = properties;
        this.upcasterBeans = beans;
    }

    @AfterEach
    void stop() {
        events.shutDown();
        client.close();
        store.close();
    }

    @Test
    void given_events_stored_out_of_time_order_with_an_old_revision_when_read_at_once_then_same_order_upcast_payloads_and_end_token_as_the_tracking_stream() throws Exception {
        // Inserted in this order, timestamps deliberately not: ties broken by sequence, whole seconds (".000")
        // beside milliseconds, one event from long before the others.
        append(A, 0, "2026-03-01T10:00:01.500Z");
        append(A, 1, "2026-03-01T10:00:02Z");
        append(B, 0, "2026-03-01T10:00:02Z");
        append(B, 1, "2026-03-01T10:00:02.001Z");
        append(C, 0, "2025-12-31T23:59:59Z");
        storeRevision1User("uprace", "2026-03-01T10:00:01Z");

        List<String> fromArchive = new ArrayList<>();
        TrackingToken end = archive.readAll(e -> fromArchive.add(describe(e)));
        List<String> fromStream = new ArrayList<>();
        TrackingToken streamEnd = null;
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> e = stream.nextAvailable();
                fromStream.add(describe((org.axonframework.eventhandling.DomainEventMessage<?>) e));
                streamEnd = e.trackingToken();
            }
        }

        assertThat(fromArchive).hasSize(6).isEqualTo(fromStream);
        assertThat(end).isEqualTo(streamEnd);
        assertThat(fromArchive.get(0)).startsWith(C + "#0");
        assertThat(fromArchive.get(1)).startsWith("uprace#0 UserRegisteredEvent[user=uprace, institution=UPLB, roles=[MEMBER], displayName=Jana Nováková, email=null]");

        append(D, 0, "2026-03-01T10:00:03Z");
        List<String> after = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(end)) {
            while (stream.hasNextAvailable()) {
                after.add(describe((org.axonframework.eventhandling.DomainEventMessage<?>) stream.nextAvailable()));
            }
        }
        assertThat(after).hasSize(1).first().asString().startsWith(D + "#0");
    }

    private void append(String measure, long sequence, String timestamp) {
        events.publish(new GenericDomainEventMessage<>("Measure", measure, sequence,
                new ProgressReportedEvent(MeasureId.of(measure), RegionCode.of("LBK"), 10 + (int) sequence, "Zpráva " + sequence, LocalDate.of(2026, 3, 1)),
                Map.of("user", "uplb.novakova"), java.util.UUID.randomUUID().toString(), Instant.parse(timestamp)));
    }

    /** A user registered before e-mail addresses existed: revision 1 JSON, as stored then. */
    private void storeRevision1User(String user, String timestamp) {
        var message = new GenericDomainEventMessage<>("UserAccount", user, 0,
                new UserRegisteredEvent(user, "UPLB", List.of("MEMBER"), "Jana Nováková", null), Map.of(), java.util.UUID.randomUUID().toString(),
                Instant.parse(timestamp));
        Document d = new EventEntry(message, serializer).asDocument(EventEntryConfiguration.getDefault());
        d.put("serializedPayload", "{\"user\":\"" + user + "\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"],\"displayName\":\"Jana Nováková\"}");
        d.put("payloadRevision", "1");
        client.getDatabase("souhra").getCollection("domainevents").insertOne(d);
    }

    private static String describe(org.axonframework.eventhandling.DomainEventMessage<?> d) {
        return d.getAggregateIdentifier() + "#" + d.getSequenceNumber() + " " + d.getPayload() + " " + d.getIdentifier() + " " + d.getTimestamp();
    }

    @Test
    void given_a_history_larger_than_the_memory_the_read_may_take_when_asked_then_it_declines_and_the_rebuild_reads_the_stream() {
        for (int i = 0; i < 20; i++) {
            append(A, i, "2026-03-01T10:00:" + String.format("%02d", i) + ".500Z");
        }
        MongoEventArchive small = new MongoEventArchive(client, properties, serializer, upcasterBeans.getBeanProvider(EventUpcaster.class),
                Duration.ofSeconds(1), 20 * 1024);
        MongoEventArchive large = new MongoEventArchive(client, properties, serializer, upcasterBeans.getBeanProvider(EventUpcaster.class),
                Duration.ofSeconds(1), 200 * 1024);

        assertThat(small.fitsInMemory()).isFalse();
        assertThat(large.fitsInMemory()).isTrue();
        assertThat(archive.fitsInMemory()).as("the default budget, 40 % of the heap").isTrue();
    }

    @Test
    void given_thousands_of_events_within_and_across_lookback_windows_when_read_at_once_then_the_end_token_is_the_one_the_tracking_stream_reaches()
            throws Exception {
        // 3,000 events, 0.1-0.9 ms apart: the last second holds more than a thousand of them; some stored on a
        // whole second (".000"), which the stored text sorts after the same second's milliseconds.
        java.util.Random random = new java.util.Random(14);
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            t = t.plusNanos(100_000L + random.nextInt(800_000));
            Instant at = random.nextInt(20) == 0 ? t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : t;
            var message = new GenericDomainEventMessage<>("Measure", A, i,
                    new ProgressReportedEvent(MeasureId.of(A), RegionCode.of("LBK"), i % 100, "Zpráva " + i, LocalDate.of(2026, 3, 1)),
                    Map.of("user", "uplb.novakova"), java.util.UUID.randomUUID().toString(), at);
            docs.add(new EventEntry(message, serializer).asDocument(EventEntryConfiguration.getDefault()));
        }
        client.getDatabase("souhra").getCollection("domainevents").insertMany(docs);

        int[] handed = {0};
        TrackingToken end = archive.readAll(e -> handed[0]++);
        TrackingToken streamEnd = null;
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                streamEnd = stream.nextAvailable().trackingToken();
            }
        }

        assertThat(handed[0]).isEqualTo(3_000);
        assertThat(end).isEqualTo(streamEnd);
        var window = ((org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken) end).getTrackedEvents();
        assertThat(window).as("the last second's events").hasSizeGreaterThan(1_000).hasSizeLessThan(3_000);
        // the order of the window is what the next advance trims from: the same ids in the same order
        assertThat(List.copyOf(window.keySet()))
                .isEqualTo(List.copyOf(((org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken) streamEnd).getTrackedEvents().keySet()));
    }

    @Test
    void given_an_empty_store_when_read_at_once_then_nothing_is_handed_on_and_there_is_no_end_token() {
        assertThat(archive.readAll(e -> { throw new AssertionError("no event expected: " + e); })).isNull();
    }
}
