package cz.souhra.query.rebuild;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;

import cz.souhra.query.common.EventMeta;
import cz.souhra.query.common.MemoryViews;
import cz.souhra.query.common.MongoViews;
import cz.souhra.query.common.Projector;
import cz.souhra.query.common.QueryRefusal;
import cz.souhra.query.common.ReadModels;

/**
 * Rebuilds projections from the event store into shadow collections while the live read model keeps
 * serving, then renames the shadows over the live collections (see {@link ReadModels}).
 *
 * <p>The flow: (1) fold the whole stream in memory with the projections' own folds and write the result
 * into the shadow collections; (2) let the live tracking processors catch up and stop them, so nothing
 * is written while the rest happens; (3) keep reading the same stream to its head, applying those last
 * events to the shadow and, idempotently, to the live generation too, which makes both complete up to
 * the same event; (4) compare digests, then switch (rebuild) or drop the shadow (verify); (5) start the
 * processors again: they redeliver from their tokens, and redelivery changes nothing. With query nodes
 * scaled out, processors on other nodes are not stopped: run a rebuild with one query node.
 */
@Component
public class RebuildService {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    private static final int BATCH = 1000;
    private static final long REPORT_NANOS = 500_000_000L;

    /** Progress of a run: events folded so far of about {@code total} (the store's count), and the rate. */
    public record Progress(String phase, long done, long total, double eventsPerSecond) {}

    /**
     * What a run did. {@code switched} for a rebuild; for a verify, {@code equal} and the first differing
     * document when the live and the rebuilt read models differ.
     */
    public record Report(List<String> projections, long events, long millis, boolean switched,
                         ReadModelDigest.Digest rebuilt, ReadModelDigest.Digest live, Boolean equal, ReadModelDigest.Difference firstDifference) {}

    private final EventStore events;
    private final MongoTemplate mongo;
    private final ReadModels readModels;
    private final List<Projector> projectors;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<EventArchive> archive;
    private final String eventCollection;
    private final AtomicBoolean running = new AtomicBoolean();

    public RebuildService(EventStore events, MongoTemplate mongo, ReadModels readModels, List<Projector> projectors,
                          ObjectProvider<EventProcessingConfiguration> processing, ObjectProvider<EventArchive> archive,
                          @Value("${souhra.query.event-collection:domainevents}") String eventCollection) {
        this.events = events;
        this.mongo = mongo;
        this.readModels = readModels;
        this.projectors = projectors;
        this.processing = processing;
        this.archive = archive;
        this.eventCollection = eventCollection;
    }

    /** Names a rebuild accepts besides {@code all}. */
    public List<String> names() {
        return projectors.stream().map(Projector::name).sorted().toList();
    }

    /** Rebuilds and switches the readers to the rebuilt generation. */
    public Report rebuild(String which, Consumer<Progress> progress) {
        return run(which, true, progress);
    }

    /** Rebuilds into shadow collections, compares with the live read models, drops the shadow. */
    public Report verify(String which, Consumer<Progress> progress) {
        return run(which, false, progress);
    }

    /** For a command-line switch ({@code --rebuild=all|name}): prints progress, answers an exit code. */
    public int runFromCommandLine(String which, boolean verifyOnly, PrintStream out) {
        Report r = run(which, !verifyOnly, p -> out.printf("%s %d / %d events (%.0f/s)%n", p.phase(), p.done(), p.total(), p.eventsPerSecond()));
        out.printf("%s %s: %d events in %d ms, rebuilt digest %s%n", verifyOnly ? "verified" : "rebuilt", r.projections(), r.events(), r.millis(),
                r.rebuilt().total());
        if (verifyOnly) {
            out.println(Boolean.TRUE.equals(r.equal()) ? "EQUAL live digest " + r.live().total()
                    : "DIFFERENT live digest " + r.live().total() + ", first difference " + r.firstDifference());
            return Boolean.TRUE.equals(r.equal()) ? 0 : 1;
        }
        return 0;
    }

    List<Projector> select(String which) {
        if (which == null || which.isBlank() || which.equals("all")) {
            return projectors;
        }
        List<Projector> out = projectors.stream().filter(p -> p.name().equals(which)).toList();
        if (out.isEmpty()) {
            throw QueryRefusal.invalid("projection=" + which + " (" + String.join(", ", names()) + ", all)");
        }
        return out;
    }

    private Report run(String which, boolean switchOver, Consumer<Progress> progress) {
        List<Projector> selected = select(which);
        if (!running.compareAndSet(false, true)) {
            throw new RebuildRunningException();
        }
        List<String> collections = selected.stream().flatMap(p -> p.collections().stream()).sorted().toList();
        try {
            return runExclusive(selected, collections, switchOver, progress);
        } catch (RuntimeException | Error failed) {
            // A failed rebuild leaves no half-written shadow behind for an operator to wonder about.
            try {
                readModels.dropShadows(collections);
            } catch (RuntimeException dropFailed) {
                failed.addSuppressed(dropFailed);
            }
            throw failed;
        } finally {
            running.set(false);
        }
    }

    private Report runExclusive(List<Projector> selected, List<String> collections, boolean switchOver, Consumer<Progress> progress) {
        long started = System.nanoTime();
        readModels.dropShadows(collections);
        long total = mongo.getCollection(eventCollection).estimatedDocumentCount();
        Counter counter = new Counter(started, total, progress);
        // Filled by the pausing thread before it asks each processor to stop, so that even a processor whose
        // stop failed, or one stopped before another's stop failed, is started again in the finally below.
        List<StreamingEventProcessor> paused = new CopyOnWriteArrayList<>();
        // The first pass folds on one thread per projection (ParallelReplay); this thread reads, and others deserialize.
        ParallelReplay replay = new ParallelReplay(selected, (c, docs) -> insert(readModels.shadow(c), docs));
        Consumer<EventMessage<?>> read = e -> {
            if (e instanceof DomainEventMessage<?>) {
                try {
                    replay.fold(e);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while rebuilding", interrupted);
                }
            }
            counter.tick("replay");
        };
        // The stored history in one read when the store offers it; the stream then continues after it.
        EventArchive all = archive.getIfAvailable();
        if (all != null && !all.fitsInMemory()) {
            log.info("The event history is too large to read at once within the heap; the rebuild reads it through the tracking stream");
            all = null;
        }
        TrackingToken from;
        try {
            from = all == null ? null : all.readAll(read);
        } catch (RuntimeException e) {
            // Before the try below owns it: its folding threads would otherwise wait on their queues for ever.
            replay.close();
            throw e;
        }
        try (replay; BlockingStream<TrackedEventMessage<?>> stream = events.openStream(from)) {
            while (stream.hasNextAvailable()) {
                read.accept(stream.nextAvailable());
            }
            long folded = System.nanoTime();
            // The live processors are stopped while the shadows are written, not after: stopping waits for
            // each worker's current poll, about a second of idle waiting, and the catch-up below needs only
            // both to be done. The processors' own catching up runs on the cores the writes leave.
            CompletableFuture<Void> pausing = CompletableFuture.runAsync(() -> pause(selected, paused), runnable -> {
                Thread t = new Thread(runnable, "souhra-rebuild-pause");
                t.setDaemon(true);
                t.start();
            });
            try {
                replay.finish();
            } catch (Throwable writing) {
                // The pause is waited for either way (its processors are started again below); when it failed
                // too, the write failure is the cause reported and the pause's rides along with it.
                try {
                    joinPause(pausing);
                } catch (RuntimeException pauseFailed) {
                    writing.addSuppressed(pauseFailed);
                }
                throw writing;
            }
            joinPause(pausing);
            long written = System.nanoTime();
            MongoViews shadow = readModels.shadows();
            MongoViews live = readModels.live();
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> e = stream.nextAvailable();
                if (e instanceof DomainEventMessage<?>) {
                    EventMeta meta = EventMeta.of(e);
                    for (Projector p : selected) {
                        shadow.fold(p, e.getPayload(), meta);
                        live.fold(p, e.getPayload(), meta);
                    }
                }
                counter.tick("catch-up");
            }
            Map<String, MongoCollection<Document>> rebuiltCollections = new TreeMap<>();
            Map<String, MongoCollection<Document>> liveCollections = new TreeMap<>();
            collections.forEach(c -> {
                rebuiltCollections.put(c, readModels.shadow(c));
                liveCollections.put(c, readModels.collection(c));
            });
            long caughtUp = System.nanoTime();
            ReadModelDigest.Comparison comparison = ReadModelDigest.compare(liveCollections, rebuiltCollections);
            ReadModelDigest.Digest rebuilt = comparison.right();
            ReadModelDigest.Digest liveDigest = comparison.left();
            ReadModelDigest.Difference diff = comparison.first();
            long compared = System.nanoTime();
            counter.done();
            List<String> names = selected.stream().map(Projector::name).toList();
            if (switchOver) {
                readModels.switchToShadows(collections);
            } else {
                readModels.dropShadows(collections);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.info("{} {} from {} events in {} ms (read {} ms, fold, write and pause {} ms more, catch-up {} ms, compare {} ms, switch {} ms), live and rebuilt {}",
                    switchOver ? "rebuilt" : "verified", names, counter.done, millis, ms(folded - started), ms(written - folded),
                    ms(caughtUp - written), ms(compared - caughtUp), ms(System.nanoTime() - compared), diff == null ? "equal" : "differ at " + diff.collection() + "/" + diff.id());
            return new Report(names, counter.done, millis, switchOver, rebuilt, liveDigest, diff == null, diff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding", e);
        } finally {
            paused.forEach(StreamingEventProcessor::start);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void insert(MongoCollection<Document> target, List<Document> docs) {
        for (int i = 0; i < docs.size(); i += BATCH) {
            target.insertMany(docs.subList(i, Math.min(docs.size(), i + BATCH)));
        }
    }

    /** Waits for the pause and throws its failure as it was thrown, not wrapped. */
    private static void joinPause(CompletableFuture<Void> pausing) {
        try {
            pausing.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("the live processors could not be paused", e.getCause());
        }
    }

    /**
     * Stops the live processors of the selected projections once they have caught up (at most 30 s), so
     * that the live read model holds every event the rebuild read before the pause. Each one is
     * added to {@code out} before it is asked to stop.
     */
    private void pause(List<Projector> selected, List<StreamingEventProcessor> out) {
        EventProcessingConfiguration config = processing.getIfAvailable();
        if (config == null) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Projector p : selected) {
            var processor = config.eventProcessorByProcessingGroup(p.name()).orElse(null);
            if (processor instanceof StreamingEventProcessor sp && sp.isRunning()) {
                while (System.nanoTime() < deadline && !sp.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp)) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the live processors to catch up", e);
                    }
                }
                out.add(sp);
            }
        }
        // All at once: each shutdown waits for its worker's current poll (up to a second), and one after
        // another that was a second per projection before the rebuild could go on.
        CompletableFuture.allOf(out.stream().map(StreamingEventProcessor::shutdownAsync).toArray(CompletableFuture[]::new)).join();
    }

    /** Counts events and reports at most twice a second. */
    private static final class Counter {
        private final long started;
        private final long total;
        private final Consumer<Progress> progress;
        private long done;
        private long lastReport;

        Counter(long started, long total, Consumer<Progress> progress) {
            this.started = started;
            this.total = total;
            this.progress = progress;
        }

        void tick(String phase) {
            done++;
            long now = System.nanoTime();
            if (now - lastReport > REPORT_NANOS) {
                lastReport = now;
                progress.accept(new Progress(phase, done, Math.max(total, done), rate(now)));
            }
        }

        void done() {
            progress.accept(new Progress("done", done, done, rate(System.nanoTime())));
        }

        private double rate(long now) {
            return done / Math.max(1e-9, (now - started) / 1e9);
        }
    }

    /** A second rebuild while one runs would fight over the same shadow collections. */
    public static class RebuildRunningException extends QueryRefusal {
        public RebuildRunningException() {
            super(Kind.CONFLICT, "REBUILD_RUNNING", "Přestavba read modelů už běží.", "A rebuild is already running.");
        }
    }
}
