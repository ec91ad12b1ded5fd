package cz.souhra.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.RandomHistory;
import cz.souhra.query.Scenario;
import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.Projector;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.ViewLookup;
import cz.souhra.query.measure.MeasureProjection;

class RebuildServiceTest {

    private final QueryFixture f = new QueryFixture();

    @AfterEach
    void close() {
        f.close();
    }

    /** A projection that stamps its documents with the wall clock: exactly what determinism forbids. */
    static final class ClockReading implements Projector {
        @Override
        public String name() {
            return "clock-reading";
        }

        @Override
        public List<String> collections() {
            return List.of("clock_reading");
        }

        @Override
        public List<Write> fold(ViewLookup views, Object payload, EventMeta meta) {
            return List.of(new Write("clock_reading", new Document("_id", meta.eventId()).append("seenAt", System.nanoTime())));
        }
    }

    @Test
    void the_live_read_model_keeps_serving_while_the_shadow_is_built_and_then_the_rebuilt_one_takes_over() {
        RandomHistory.generate(3, 4).forEach(f::appendAndDeliver);
        long measures = f.collection(MeasureProjection.STATUS).countDocuments();
        // a live document damaged by hand: the rebuild must replace it from the events
        f.collection(MeasureProjection.STATUS).updateOne(new Document(), new Document("$set", new Document("title", "poškozeno")));
        List<Long> liveDuringRebuild = new ArrayList<>();
        List<RebuildService.Progress> progress = new ArrayList<>();
        RebuildService.Report report = f.rebuild.rebuild("measures", p -> {
            progress.add(p);
            liveDuringRebuild.add(f.collection(MeasureProjection.STATUS).countDocuments());
        });
        assertThat(liveDuringRebuild).allMatch(n -> n == measures);
        assertThat(progress.get(progress.size() - 1).done()).isEqualTo(f.appended.size());
        assertThat(progress.get(progress.size() - 1).eventsPerSecond()).isPositive();
        assertThat(report.projections()).containsExactly("measures");
        assertThat(report.equal()).as("the damaged live model differed from the rebuilt one").isFalse();
        assertThat(report.firstDifference().collection()).isEqualTo(MeasureProjection.STATUS);
        assertThat(f.collection(MeasureProjection.STATUS).countDocuments(Filters.eq("title", "poškozeno"))).isZero();
        assertThat(f.collection(MeasureProjection.STATUS).countDocuments()).isEqualTo(measures);
        assertThat(f.mongo.collectionExists(MeasureProjection.STATUS + ReadModels.SHADOW_SUFFIX)).isFalse();
    }

    @Test
    void verify_catches_a_projection_that_reads_the_clock_and_names_the_first_differing_document() {
        List<Projector> projectors = new ArrayList<>(f.projectors);
        projectors.add(new ClockReading());
        RebuildService service = f.rebuildService(f.eventStore, projectors, null, null);
        Scenario.events().forEach(e -> {
            f.appendAndDeliver(e);
            f.readModels.live().fold(projectors.get(projectors.size() - 1), e.getPayload(), EventMeta.of(e));
        });
        RebuildService.Report deterministic = service.verify("measures", p -> {});
        assertThat(deterministic.equal()).isTrue();
        RebuildService.Report caught = service.verify("clock-reading", p -> {});
        assertThat(caught.equal()).isFalse();
        assertThat(caught.firstDifference().collection()).isEqualTo("clock_reading");
        assertThat(caught.firstDifference().left()).contains("seenAt");
        assertThat(f.mongo.collectionExists("clock_reading" + ReadModels.SHADOW_SUFFIX)).isFalse();
    }

    @Test
    void an_unknown_projection_is_refused_and_the_command_line_prints_progress_and_the_verdict() {
        assertThatThrownBy(() -> f.rebuild.rebuild("nonsense", p -> {}))
                .isInstanceOfSatisfying(QueryRefusal.class, r -> assertThat(r.code()).isEqualTo("INVALID_QUERY"));
        Scenario.events().forEach(f::appendAndDeliver);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = f.rebuild.runFromCommandLine("all", true, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("done " + Scenario.events().size() + " / " + Scenario.events().size()).contains("EQUAL");
        assertThat(f.rebuild.names()).containsExactly("directory", "history", "issues", "measures", "meetings");
    }

    @Test
    void an_empty_store_rebuilds_to_empty_read_models() {
        Scenario.events().forEach(f::deliver); // read models without events behind them
        RebuildService.Report report = f.rebuild.rebuild("all", p -> {});
        assertThat(report.events()).isZero();
        assertThat(f.digest.live().documents()).isZero();
    }

    @Test
    void given_the_archive_failing_midway_when_rebuilding_then_the_failure_is_reported_and_no_rebuild_thread_is_left_behind() throws Exception {
        Scenario.events().forEach(f::appendAndDeliver);
        EventArchive failing = new EventArchive() {
            @Override
            public TrackingToken readAll(Consumer<? super DomainEventMessage<?>> each) {
                try (BlockingStream<TrackedEventMessage<?>> stream = f.eventStore.openStream(null)) {
                    for (int i = 0; i < 3 && stream.hasNextAvailable(); i++) {
                        each.accept((DomainEventMessage<?>) stream.nextAvailable());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the store went away during the read");
            }

            @Override
            public boolean fitsInMemory() {
                return true;
            }
        };
        RebuildService service = f.rebuildService(f.eventStore, f.projectors, null, failing);

        assertThatThrownBy(() -> service.rebuild("all", p -> {})).hasMessage("the store went away during the read");

        // the folding threads wait on their queues until closed: left open, they would stay for the life of the process
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (rebuildThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(rebuildThreads()).isZero();
        assertThatThrownBy(() -> service.rebuild("measures", p -> {})).as("a later rebuild runs, and is not refused as still running")
                .hasMessage("the store went away during the read");
    }

    /** A live processor that is always caught up and records when it is stopped and started. */
    private static final class LiveProcessor {
        final CountDownLatch stopped = new CountDownLatch(1);
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean running = true;
        /** When set, the processor stops but its stop reports this failure. */
        volatile RuntimeException stopFailure;
        final StreamingEventProcessor processor = (StreamingEventProcessor) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StreamingEventProcessor.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isRunning" -> running;
                    case "processingStatus" -> Map.of(0, caughtUp());
                    case "shutdownAsync" -> {
                        calls.add("stop");
                        running = false;
                        stopped.countDown();
                        yield stopFailure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(stopFailure);
                    }
                    case "start" -> {
                        calls.add("start");
                        running = true;
                        yield null;
                    }
                    case "getName" -> "live";
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        private static EventTrackerStatus caughtUp() {
            return (EventTrackerStatus) Proxy.newProxyInstance(LiveProcessor.class.getClassLoader(), new Class<?>[] {EventTrackerStatus.class},
                    (proxy, method, args) -> method.getName().equals("isCaughtUp") ? Boolean.TRUE : null);
        }

        RebuildService service(QueryFixture f, List<Projector> projectors) {
            return f.rebuildService(f.eventStore, projectors, group -> processor, null);
        }
    }

    /** The measures projection, whose folding waits for a condition before it goes on. */
    private static Projector measuresWaitingFor(QueryFixture f, java.util.concurrent.Callable<Void> condition) {
        Projector measures = f.projectors.stream().filter(p -> p.name().equals("measures")).findFirst().orElseThrow();
        return new Projector() {
            @Override
            public String name() {
                return measures.name();
            }

            @Override
            public List<String> collections() {
                return measures.collections();
            }

            @Override
            public List<Write> fold(ViewLookup views, Object payload, EventMeta meta) {
                try {
                    condition.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                return measures.fold(views, payload, meta);
            }
        };
    }

    @Test
    void given_live_processors_when_rebuilding_then_they_are_stopped_while_the_shadows_are_still_being_built_and_started_again() {
        Scenario.events().forEach(f::appendAndDeliver);
        LiveProcessor live = new LiveProcessor();
        // The fold goes on only once the processor was told to stop: had the rebuild stopped it after the
        // shadows were written, this would wait out its 10 s and fail the rebuild.
        Projector waiting = measuresWaitingFor(f, () -> {
            if (!live.stopped.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the live processor was not stopped while the shadows were built");
            }
            return null;
        });
        RebuildService.Report report = live.service(f, List.of(waiting)).rebuild("measures", p -> {});
        assertThat(report.switched()).isTrue();
        assertThat(report.events()).isEqualTo(Scenario.events().size());
        assertThat(live.calls).containsExactly("stop", "start");
        assertThat(live.running).isTrue();
    }

    @Test
    void given_a_projection_failing_while_the_shadows_are_written_when_rebuilding_then_the_stopped_processors_run_again() {
        Scenario.events().forEach(f::appendAndDeliver);
        long measures = f.collection(MeasureProjection.STATUS).countDocuments();
        LiveProcessor live = new LiveProcessor();
        Projector failing = measuresWaitingFor(f, () -> {
            live.stopped.await(10, TimeUnit.SECONDS);
            throw new IllegalStateException("a fold failed");
        });
        assertThatThrownBy(() -> live.service(f, List.of(failing)).rebuild("measures", p -> {})).hasMessageContaining("a fold failed");
        assertThat(live.calls).containsExactly("stop", "start");
        assertThat(live.running).isTrue();
        assertThat(f.collection(MeasureProjection.STATUS).countDocuments()).as("the live read model was not replaced").isEqualTo(measures).isPositive();
        assertThat(f.mongo.collectionExists(MeasureProjection.STATUS + ReadModels.SHADOW_SUFFIX)).as("no half-written shadow is left").isFalse();
    }

    @Test
    void given_a_live_processor_whose_stop_fails_when_rebuilding_then_the_rebuild_fails_and_the_processor_is_started_again() {
        Scenario.events().forEach(f::appendAndDeliver);
        long measures = f.collection(MeasureProjection.STATUS).countDocuments();
        LiveProcessor live = new LiveProcessor();
        live.stopFailure = new IllegalStateException("the processor would not stop");
        Projector measuresProjector = f.projectors.stream().filter(p -> p.name().equals("measures")).findFirst().orElseThrow();
        assertThatThrownBy(() -> live.service(f, List.of(measuresProjector)).rebuild("measures", p -> {})).hasMessage("the processor would not stop");
        assertThat(live.calls).as("the processor that was asked to stop is started again").containsExactly("stop", "start");
        assertThat(f.collection(MeasureProjection.STATUS).countDocuments()).as("the live read model was not replaced").isEqualTo(measures);
        assertThat(f.mongo.collectionExists(MeasureProjection.STATUS + ReadModels.SHADOW_SUFFIX)).as("the written shadow is dropped").isFalse();
    }

    @Test
    void given_the_writes_and_the_pause_both_failing_when_rebuilding_then_the_write_failure_is_reported_with_the_pause_failure_suppressed() {
        Scenario.events().forEach(f::appendAndDeliver);
        LiveProcessor live = new LiveProcessor();
        live.stopFailure = new IllegalStateException("the processor would not stop");
        Projector failing = measuresWaitingFor(f, () -> {
            live.stopped.await(10, TimeUnit.SECONDS);
            throw new IllegalStateException("a fold failed");
        });
        assertThatThrownBy(() -> live.service(f, List.of(failing)).rebuild("measures", p -> {}))
                .hasMessageContaining("a fold failed")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("the processor would not stop"));
        assertThat(live.calls).containsExactly("stop", "start");
        assertThat(live.running).isTrue();
    }

    private static long rebuildThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("souhra-rebuild-")).count();
    }
}
