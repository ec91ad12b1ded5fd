package cz.souhra.infra.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;

import cz.souhra.infra.axon.AxonMongoConfiguration;

/**
 * Proof that an acknowledged write survives {@code kill -9}, usable from the test suite and from the
 * benchmark (through the jar's PropertiesLauncher):
 * <ul>
 *   <li>{@code write DIR THREADS}: appends events through Axon's Mongo event store on the embedded store
 *       in DIR and prints {@code ACK <eventId>} after each append returned, until killed;</li>
 *   <li>{@code check DIR ACKFILE}: reopens DIR (after the unclean stop), counts acknowledged events that
 *       are missing, then runs a tracking projection until it has seen every acknowledged event and
 *       prints {@code lost=N projected=M}.</li>
 * </ul>
 */
public final class DurabilityProbe {

    /** The payload appended; a record so Jackson needs no hints. */
    public record ProbeEvent(String id, long n) {}

    private DurabilityProbe() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "write" -> write(EmbeddedStore.start(Path.of(args[1]), "127.0.0.1", 0, true, 30), Integer.parseInt(args[2]));
            case "write-shipped-h2" -> write(shippedH2(Path.of(args[1])), Integer.parseInt(args[2]));
            case "check" -> {
                Result r = check(Path.of(args[1]), Files.readAllLines(Path.of(args[2])).stream()
                        .filter(l -> l.startsWith("ACK ")).map(l -> l.substring(4).trim()).collect(Collectors.toSet()),
                        Duration.ofSeconds(60));
                System.out.println("lost=" + r.lost() + " projected=" + r.projected() + " acknowledged=" + r.acknowledged());
                System.exit(r.lost() == 0 && r.projected() == r.acknowledged() ? 0 : 1);
            }
            default -> throw new IllegalArgumentException("usage: write DIR THREADS | check DIR ACKFILE");
        }
    }

    public record Result(int acknowledged, int lost, int projected) {}

    /** The baseline the ADR compares against: mongo-java-server's H2 backend as shipped. */
    private static String shippedH2(Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        de.bwaldvogel.mongo.backend.h2.H2Backend backend = new de.bwaldvogel.mongo.backend.h2.H2Backend(dir.resolve("souhra.mv.db").toString());
        backend.version(de.bwaldvogel.mongo.ServerVersion.MONGO_5_0);
        de.bwaldvogel.mongo.MongoServer server = new de.bwaldvogel.mongo.MongoServer(backend);
        server.bind("127.0.0.1", 0);
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    static void write(EmbeddedStore store, int threads) throws InterruptedException {
        write(store.connectionString(), threads);
    }

    static void write(String connectionString, int threads) throws InterruptedException {
        MongoClient client = MongoClients.create(connectionString);
        MongoEventStorageEngine engine = engine(client);
        AtomicLong counter = new AtomicLong();
        List<Thread> writers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                while (true) {
                    String aggregate = UUID.randomUUID().toString();
                    long n = counter.incrementAndGet();
                    DomainEventMessage<ProbeEvent> event = new GenericDomainEventMessage<>(
                            "Probe", aggregate, 0, new ProbeEvent(aggregate, n));
                    engine.appendEvents(event);
                    synchronized (System.out) {
                        System.out.println("ACK " + event.getIdentifier());
                        System.out.flush();
                    }
                }
            }, "probe-writer-" + t);
            w.start();
            writers.add(w);
        }
        for (Thread w : writers) {
            w.join();
        }
    }

    /** Reopens the store after an unclean stop and checks every acknowledged event and its projection. */
    public static Result check(Path dir, Set<String> acknowledged, Duration timeout) throws InterruptedException {
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, true, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoEventStorageEngine engine = engine(client);
            Set<String> stored = new HashSet<>();
            engine.readEvents(null, false).forEach(e -> stored.add(e.getIdentifier()));
            int lost = (int) acknowledged.stream().filter(id -> !stored.contains(id)).count();

            MongoCollection<Document> view = client.getDatabase("souhra").getCollection("probe_view");
            Set<String> projected = ConcurrentHashMap.newKeySet();
            Object projection = new Object() {
                @EventHandler
                void on(ProbeEvent e, org.axonframework.eventhandling.EventMessage<?> message) {
                    // Idempotent by event id: a redelivery after the restart changes nothing.
                    view.replaceOne(new Document("_id", message.getIdentifier()),
                            new Document("_id", message.getIdentifier()).append("n", e.n()),
                            new ReplaceOptions().upsert(true));
                    projected.add(message.getIdentifier());
                }
            };
            Serializer serializer = serializer();
            TrackingEventProcessor processor = TrackingEventProcessor.builder()
                    .name("probe")
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(projection).build())
                    .messageSource(EmbeddedEventStore.builder().storageEngine(engine).build())
                    .tokenStore(MongoTokenStore.builder().mongoTemplate(template(client)).serializer(serializer).build())
                    .transactionManager(org.axonframework.common.transaction.NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                    .build();
            processor.start();
            Instant deadline = Instant.now().plus(timeout);
            while (!projected.containsAll(stored) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            processor.shutDown();
            return new Result(acknowledged.size(), lost, (int) acknowledged.stream().filter(projected::contains).count());
        }
    }

    private static Serializer serializer() {
        return cz.souhra.shared.json.EventJson.serializer();
    }

    private static DefaultMongoTemplate template(MongoClient client) {
        // The application's event write concern: acknowledged only once the store's log is synced.
        return DefaultMongoTemplate.builder()
                .mongoDatabase(client.getDatabase("souhra").withWriteConcern(cz.souhra.infra.axon.AxonMongoConfiguration.EVENT_WRITES)).build();
    }

    private static MongoEventStorageEngine engine(MongoClient client) {
        Serializer serializer = serializer();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(template(client)).eventSerializer(serializer).snapshotSerializer(serializer).build();
        engine.ensureIndexes();
        return engine;
    }
}
