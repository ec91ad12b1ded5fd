package cz.souhra.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.model.Filters;

import cz.souhra.query.common.Projector;
import cz.souhra.query.history.HistoryProjection;
import cz.souhra.query.measure.MeasureProjection;
import cz.souhra.query.rebuild.RebuildService;
import cz.souhra.shared.MetaKeys;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.ResolutionId;

/**
 * Eight writers append at once to the Mongo event store (which tracks by timestamp with a lookback
 * window, so a late insert can land behind the reader's position); tracking processors feed the real
 * projections; a rebuild of the measure status runs in the middle of it. Every event must be projected,
 * and the live read models must equal a rebuild afterwards.
 */
class ConcurrentWritersTest {

    static final int WRITERS = 8;
    static final int MEASURES_PER_WRITER = 15;
    static final int REPORTS = 4;

    @Test
    void eight_concurrent_writers_lose_no_event_even_with_a_rebuild_running_among_them() throws Exception {
        try (QueryFixture f = new QueryFixture()) {
            var mapper = JsonMapper.builder().addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
            var serializer = JacksonSerializer.builder().objectMapper(mapper).build();
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(f.mongo.getDb()).build())
                    .eventSerializer(serializer).snapshotSerializer(serializer)
                    .storageStrategy(new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), Duration.ofSeconds(1)))
                    .build();
            engine.ensureIndexes();
            EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
            Map<String, TrackingEventProcessor> processors = new HashMap<>();
            for (Projector p : f.projectors) {
                TrackingEventProcessor tep = TrackingEventProcessor.builder().name(p.name())
                        .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(p).build())
                        .messageSource(store).tokenStore(new InMemoryTokenStore()).transactionManager(NoTransactionManager.INSTANCE).build();
                processors.put(p.name(), tep);
                tep.start();
            }
            RebuildService rebuild = f.rebuildService(store, f.projectors, processors::get, null);

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            // the writers' second halves are written while the rebuild is reading the stream
            CountDownLatch rebuildRunning = new CountDownLatch(1);
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(CompletableFuture.runAsync(() -> write(store, writer, rebuildRunning), pool));
            }
            CompletableFuture<RebuildService.Report> midway = CompletableFuture.supplyAsync(() -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> f.collection(MeasureProjection.STATUS).countDocuments() > 10);
                return rebuild.rebuild("measures", p -> rebuildRunning.countDown());
            }, pool);
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
            assertThat(midway.get().switched()).isTrue();
            long total = (long) WRITERS * MEASURES_PER_WRITER * (1 + REPORTS);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(f.collection(HistoryProjection.COLLECTION).countDocuments()).isEqualTo(total);
                assertThat(f.collection(MeasureProjection.STATUS).countDocuments(Filters.eq("version", REPORTS))).isEqualTo((long) WRITERS * MEASURES_PER_WRITER);
            });
            for (Document d : f.collection(MeasureProjection.STATUS).find()) {
                assertThat(d.getInteger("percent")).isEqualTo(REPORTS * 20);
            }
            processors.values().forEach(TrackingEventProcessor::shutDown);
            RebuildService.Report verify = rebuild.verify("all", p -> {});
            assertThat(verify.events()).isEqualTo(total);
            assertThat(verify.firstDifference()).isNull();
            pool.shutdownNow();
            store.shutDown();
        }
    }

    private static void write(EmbeddedEventStore store, int writer, CountDownLatch rebuildRunning) {
        for (int m = 0; m < MEASURES_PER_WRITER; m++) {
            if (m == MEASURES_PER_WRITER / 2) {
                try {
                    rebuildRunning.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            MeasureId id = MeasureId.random();
            publish(store, id, 0, new MeasureAdoptedEvent(id, Scenario.R, Scenario.BODY, Scenario.MEETING, ResolutionId.random(), Instant.parse("2026-03-10T10:00:00Z"),
                    "Opatření " + writer + "/" + m, null, InstitutionId.of("UPLB"), LocalDate.parse("2026-06-30"), List.of(), "usnesení"));
            for (int r = 1; r <= REPORTS; r++) {
                publish(store, id, r, new ProgressReportedEvent(id, Scenario.R, r * 20, "zpráva " + r, LocalDate.parse("2026-04-01")));
            }
        }
    }

    private static void publish(EmbeddedEventStore store, MeasureId id, long seq, Object payload) {
        store.publish(new GenericDomainEventMessage<>("Measure", id.value(), seq, payload,
                Map.of(MetaKeys.USER, "uprace", MetaKeys.INSTITUTION, "UPLB", MetaKeys.REGION, "LBK"), UUID.randomUUID().toString(), Instant.now()));
    }
}
