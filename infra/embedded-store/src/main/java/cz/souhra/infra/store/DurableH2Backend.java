package cz.souhra.infra.store;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The H2 backend of mongo-java-server made durable with a write-ahead log.
 *
 * <p>As shipped, the backend lets MVStore commit in the background about once a second, so a write
 * acknowledged to the driver can vanish on {@code kill -9} (measured: 16 of 20 lost). Committing the
 * MVStore on every write instead is durable but writes at least one 4 KiB chunk per commit and the file
 * grew to 1 GiB for 50k events. So: every write command is applied in memory and appended to a log that
 * is synced (group commit) before the reply; the MVStore is checkpointed at quiet points about once a
 * second, after which the log before it is deleted. After an unclean stop, the records after the last
 * checkpoint are replayed in their original order.
 *
 * <p>Writes are applied one at a time: the log must hold them in the order they took effect, and the
 * checkpoint must see no command half-applied (a unique-index entry without its document would poison an
 * aggregate's sequence forever). On two cores this costs little; the disk sync is shared by all waiters.
 */
public final class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    /** Commands that never change data; everything else is logged (the safe default). */
    /** Documents per reply for a find that names no batch size (a few MB at read-model sizes). */
    static final int DEFAULT_FIND_BATCH = 1_000;

    /**
     * MVStore's page cache in MB (H2's default is 16). Documents count four times their BSON size there,
     * so 16 MB held about 3,500 event documents with their index pages, and under the 8-client load 12 %
     * of the store workers' allocation was reading pages back from the file.
     */
    static final int PAGE_CACHE_MB = 64;

    private static final Set<String> READS = Set.of(
            "find", "getmore", "count", "distinct", "listcollections", "listindexes", "listdatabases",
            "ismaster", "buildinfo", "ping", "serverstatus", "whatsmyuri", "killcursors",
            "endsessions", "dbstats", "collstats", "getlasterror", "getparameter", "hostinfo",
            "getcmdlineopts", "connectionstatus", "explain", "getlog", "features", "saslstart",
            "saslcontinue", "logout");

    /** The reads {@link #readCount()} counts: of data, not the driver's handshakes and heartbeats. */
    private static final Set<String> DATA_READS = Set.of("find", "getmore", "count", "distinct", "aggregate");

    private static final String APPLIED = "appliedSeq";
    /**
     * {@code -Dsouhra.embedded.census=true} counts the store's commands by name and collection (the bench's
     * {@code tp} prints them per command): which round trips a workload costs, not only how many.
     */
    static final String CENSUS_PROPERTY = "souhra.embedded.census";
    private final java.util.Map<String, LongAdder> census = Boolean.getBoolean(CENSUS_PROPERTY) ? new java.util.concurrent.ConcurrentHashMap<>() : null;

    private final MVStore store;
    private final MVMap<String, Long> walState;
    private final Path dir;
    private final boolean fsync;
    private final Object applyLock = new Object();
    /**
     * The in-memory event timeline answers tracking reads by exact ids; {@code -Dsouhra.embedded.event-timeline=false}
     * switches it off. It was off for a while on suspicion of SIGKILL losses that turned out to be the
     * checkpoint deleting the live log (see WriteAheadLog.rotate); without it every tracking read of every
     * processor scanned and sorted the whole event collection (bench: 5.4 ms per read at 4k events, 47 % of
     * the server's CPU).
     */
    static final String EVENT_TIMELINE_PROPERTY = "souhra.embedded.event-timeline";
    private final boolean eventTimeline = !"false".equals(System.getProperty(EVENT_TIMELINE_PROPERTY));
    /** The event collection the client names, or null: then no read is answered from a timeline. */
    private final EventCollection events;
    private final java.util.Map<String, EventTimeline> timelines = new java.util.concurrent.ConcurrentHashMap<>();
    private long appliedSeq; // guarded by applyLock
    private final Object faultLock = new Object();
    private volatile Throwable fault;
    private long lastCheckpointed = -1; // guarded by applyLock
    private WriteAheadLog wal;
    private final AtomicLong writes = new AtomicLong();
    /** Data reads (finds, cursor batches, counts, read-only aggregations); a LongAdder as every reader bumps it. */
    private final LongAdder reads = new LongAdder();
    private final AtomicLong timelineReads = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicLong checkpointHoldMaxNanos = new AtomicLong();
    private final ScheduledExecutorService housekeeper;
    private final long compactEveryCheckpoints;
    /**
     * Bytes of live pages one compaction may rewrite: about 2 MiB per second between runs (the rate that
     * held the file to a few times its live data with 64 MiB every 30 s), so shorter intervals rewrite
     * less at a time. The rewrite no longer holds writes, but it takes a core while it runs (1.4-1.6 s for
     * 64 MiB in the 200k bench) and the commands of that moment wait for CPU.
     */
    private final int compactWriteBudget;
    /** Serializes a checkpoint's pages after the apply lock is released; null if MVStore would not take it. */
    private final ThreadPoolExecutor serializer;

    private DurableH2Backend(MVStore store, Path dir, boolean fsync, long checkpointMillis, long compactEverySeconds,
                             ThreadPoolExecutor serializer, EventCollection events) {
        super(store);
        this.store = store;
        this.events = events;
        this.dir = dir;
        this.fsync = fsync;
        this.serializer = serializer != null && installSerializer(store, serializer) ? serializer : null;
        if (serializer != null && this.serializer == null) {
            serializer.shutdown();
        }
        this.walState = store.openMap("souhra.wal-state");
        this.compactEveryCheckpoints = compactEverySeconds <= 0 ? 0 : Math.max(1, compactEverySeconds * 1000 / checkpointMillis);
        this.compactWriteBudget = (int) Math.max(4L << 20, Math.min(64L << 20, compactEverySeconds * (2L << 20)));
        recover();
        this.housekeeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "souhra-store-checkpoint");
            t.setDaemon(true);
            // the write-ahead log already made every write durable: a checkpoint may wait for the requests
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        housekeeper.scheduleWithFixedDelay(this::checkpointQuietly, checkpointMillis, checkpointMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Databases whose unique indexes compare keys with {@link IndexKeyType} and whose collections store
     * their documents with {@link DocumentKeyType} and {@link DocumentValueType}.
     */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        MVStore mv = getMvStore();
        return new H2Database(databaseName, mv, getCursorRegistry()) {
            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
                // Opened first with the faster key type; H2Database's own openMap(name) then gets this map.
                mv.openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                        new MVMap.Builder<Object, Object>().keyType(IndexKeyType.INSTANCE).valueType(new DocumentKeyType()));
                return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            }

            /**
             * H2Database's own collection, opened on the same maps, except that it keeps no running data size.
             * That size (collStats' size, dbStats' dataSize, which Souhra never asks for) cost two BSON
             * encodings of the whole document on every update and one on every insert and delete, plus a
             * write of the collection's meta map: under the 8-client load the size check alone was 6.6 % of the
             * CPU samples, more than the page writes' encoding of the same documents.
             */
            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                String name = getFullCollectionNamespace(collectionName);
                MVMap<Object, Document> data = mv.openMap("databases." + name,
                        new MVMap.Builder<Object, Document>().keyType(new DocumentKeyType()).valueType(new DocumentValueType()));
                MVMap<String, Object> meta = mv.openMap("meta." + name);
                return new H2Collection(this, collectionName, options, data, meta, cursorRegistry) {
                    @Override
                    protected boolean tracksDataSize() {
                        return false;
                    }
                };
            }
        };
    }

    /**
     * Opens (or creates) the store in {@code dir}. MVStore itself reopens at its last complete commit (each
     * chunk carries a checksum); the log then brings it forward to the last acknowledged write.
     */
    public static DurableH2Backend open(Path dir, boolean fsync, long checkpointMillis, long compactEverySeconds) {
        return open(dir, fsync, checkpointMillis, compactEverySeconds, newSerializer(), null);
    }

    /** As {@link #open(Path, boolean, long, long)}, answering tracking reads of {@code events} from a timeline (null: none). */
    public static DurableH2Backend open(Path dir, boolean fsync, long checkpointMillis, long compactEverySeconds, EventCollection events) {
        return open(dir, fsync, checkpointMillis, compactEverySeconds, newSerializer(), events);
    }

    /** As {@link #open(Path, boolean, long, long)}, with the executor that writes checkpoints (tests pause it). */
    static DurableH2Backend open(Path dir, boolean fsync, long checkpointMillis, long compactEverySeconds, ThreadPoolExecutor serializer) {
        return open(dir, fsync, checkpointMillis, compactEverySeconds, serializer, null);
    }

    static DurableH2Backend open(Path dir, boolean fsync, long checkpointMillis, long compactEverySeconds, ThreadPoolExecutor serializer,
                                 EventCollection events) {
        // No compaction here: the running store keeps its file within twice its live data (compact()), so
        // opening costs the same for a long history as for a short one.
        Path file = dir.resolve("souhra.mv.db");
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                // Also no commit when unsaved changes pass MVStore's memory threshold (19 MB, active even
                // with autocommit disabled): that commit runs inside whatever write triggers it and could
                // persist half of a command, which the replay would then apply a second time on top.
                .autoCommitBufferSize(0)
                .cacheSize(PAGE_CACHE_MB)
                .open();
        if (fsync) {
            // Dead chunks may be overwritten at once: every checkpoint is synced before the next one
            // writes, and the log is kept until then. With the default 45 s the file grew 6× the live data.
            store.setRetentionTime(0);
        }
        try {
            return new DurableH2Backend(store, dir, fsync, checkpointMillis, compactEverySeconds, serializer, events);
        } catch (RuntimeException e) {
            // e.g. the recovery's commit on a full disk: nothing of this attempt may reach the file, and the
            // file's lock must be free for the next attempt
            store.closeImmediately();
            if (serializer != null) {
                serializer.shutdownNow();
            }
            throw e;
        }
    }

    static ThreadPoolExecutor newSerializer() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "souhra-store-serialize");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /**
     * MVStore's commit has two parts: taking the maps' current roots (a version; microseconds) and
     * serializing the pages changed since the last commit into a chunk (tens of milliseconds, and 0.1-0.4 s
     * after a compaction). It hands the second part to an executor when it has one, and it has one only
     * with its background writer, whose commits at arbitrary moments could persist half of a command. So
     * the executor is given to the file store directly: the checkpoint takes the roots while writes are
     * held, and the pages are written while the next writes apply (bench before: every write waited
     * p50 ~20 ms / max ~190 ms once a second). If a later H2 renames the field, checkpoints serialize under
     * the lock as before.
     */
    private static boolean installSerializer(MVStore store, ThreadPoolExecutor serializer) {
        if (store.getFileStore() == null) {
            return false;
        }
        try {
            Field field = FileStore.class.getDeclaredField("serializationExecutor");
            field.setAccessible(true);
            if (field.get(store.getFileStore()) != null) {
                return false;
            }
            field.set(store.getFileStore(), serializer);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Checkpoints serialize while writes wait (MVStore's executor field not found: {})", e.toString());
            return false;
        }
    }

    /** Whether checkpoints serialize outside the apply lock (for tests). */
    boolean serializesOutsideTheLock() {
        return serializer != null;
    }

    private void recover() {
        long checkpointed = walState.getOrDefault(APPLIED, 0L);
        Channel replayChannel = new EmbeddedChannel();
        AtomicLong replayed = new AtomicLong();
        long last = WriteAheadLog.replay(dir, checkpointed, e -> {
            try {
                super.handleCommand(replayChannel, e.database(), e.command(), e.query());
            } catch (RuntimeException failed) {
                // It failed the same way when first applied (e.g. a duplicate key); the reply said so then.
            }
            replayed.incrementAndGet();
        });
        appliedSeq = last;
        walState.put(APPLIED, last);
        store.commit();
        store.sync();
        WriteAheadLog.files(dir).forEach(WriteAheadLog::retire);
        if (replayed.get() > 0) {
            log.warn("Recovered {} acknowledged writes from the write-ahead log (the last opening ended without a checkpoint: a stop, a crash or a failed disk)", replayed.get());
        }
        wal = new WriteAheadLog(dir, fsync, last + 1);
    }

    /**
     * A write or checkpoint that could not reach the disk ends this opening of the files: memory may then
     * hold a command the log does not (applied, then refused at the append), or the MVStore closed itself
     * ("This store is closed"). From then on every command is refused with a {@link StoreFaultException};
     * {@link GuardedBackend} opens the files afresh, which recovers exactly what the log holds.
     */
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Throwable failed = fault;
        if (failed != null) {
            throw new StoreFaultException(failed, false);
        }
        try {
            return handle(channel, database, command, query);
        } catch (StoreFaultException e) {
            throw e;
        } catch (RuntimeException e) {
            if (fault != null || isStoreFailure(e)) {
                throw new StoreFaultException(fail(e), false);
            }
            throw e;
        }
    }

    private Document handle(Channel channel, String database, String command, Document query) {
        if (census != null) {
            census.computeIfAbsent(command + " " + query.get(command), k -> new LongAdder()).increment();
        }
        if ("hello".equalsIgnoreCase(command)) {
            // Newer clients (Spring's health check) ask "hello"; the server knows only its older name.
            Document answer = super.handleCommand(channel, database, "ismaster", query);
            answer.put("isWritablePrimary", Boolean.TRUE);
            return answer;
        }
        if (eventTimeline && events != null && "find".equalsIgnoreCase(command) && events.collection().equals(query.get(command))) {
            reads.increment();
            return super.handleCommand(channel, database, command, trackingRead(database, query));
        }
        String lower = command.toLowerCase(Locale.ROOT);
        if (READS.contains(lower) || isReadOnlyAggregate(command, query)) {
            if (DATA_READS.contains(lower)) {
                reads.increment();
            }
            return super.handleCommand(channel, database, command, withDefaultBatch(command, query));
        }
        Document result = null;
        RuntimeException failure = null;
        long seq;
        synchronized (applyLock) {
            if (fault != null) {
                throw new StoreFaultException(fault, false);
            }
            try {
                result = super.handleCommand(channel, database, command, query);
            } catch (RuntimeException e) {
                if (isStoreFailure(e)) {
                    // possibly half applied in memory, and not logged: this opening is finished
                    throw new StoreFaultException(fail(e), false);
                }
                failure = e;
            }
            followTimeline(database, command, query, result, failure);
            // Logged even if it failed: part of a multi-document write may have taken effect, and a
            // replay reproduces exactly that (the same inputs fail the same way).
            seq = appliedSeq + 1;
            try {
                walState.put(APPLIED, seq);
                wal.append(seq, database, command, query);
            } catch (RuntimeException e) {
                // Applied in memory but not in the log: refused, and memory is discarded with this opening.
                throw new StoreFaultException(fail(e), false);
            }
            appliedSeq = seq;
            writes.incrementAndGet();
        }
        // Outside the apply lock: the next writers apply while this one waits for the shared disk sync.
        if (wantsJournal(query)) {
            try {
                wal.awaitDurable(seq);
            } catch (RuntimeException e) {
                // The record is in the log file; whether it reached the disk is not known.
                throw new StoreFaultException(fail(e), true);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /**
     * A find without a batch size gets one. mongo-java-server answers such a find with every matching
     * document in one reply, where MongoDB would cap the first batch; the driver refuses a reply above 48 MB,
     * so a whole-collection read (a read-model digest, a register, the audit log) failed once the collection
     * outgrew that (found at 200k events: a 135 MB reply during a rebuild). The cursor's next batches
     * are asked without a size by the driver, which the server refuses, so they get the same default.
     */
    static Document withDefaultBatch(String command, Document query) {
        boolean cursorRead = "find".equalsIgnoreCase(command) || "getMore".equalsIgnoreCase(command);
        if (!cursorRead || query.containsKey("batchSize")) {
            return query;
        }
        Document copy = new Document(query);
        copy.put("batchSize", DEFAULT_FIND_BATCH);
        return copy;
    }

    /**
     * A tracking read of the event collection, rewritten to the exact ids it would return (see
     * {@link EventTimeline}); any other query unchanged.
     */
    private Document trackingRead(String database, Document query) {
        if (query.containsKey("skip") || !(query.get("batchSize") instanceof Number size) || !EventTimeline.isTrackingSort(events, query.get("sort"))) {
            return query;
        }
        int batch = size.intValue();
        if (query.get("limit") instanceof Number limit && limit.intValue() > 0) {
            batch = Math.min(batch, limit.intValue());
        }
        EventTimeline timeline = timelines.get(database);
        if (timeline == null) {
            synchronized (applyLock) {
                timeline = timelines.get(database);
                if (timeline == null) {
                    var collection = resolveDatabase(database).resolveCollection(events.collection(), false);
                    timeline = collection == null ? null : EventTimeline.of(events, collection.queryAll());
                    if (timeline == null) {
                        return query;
                    }
                    timelines.put(database, timeline);
                }
            }
        }
        Document filter = timeline.rewrite((Document) query.get("filter"), query.get("sort"), batch);
        if (filter == null) {
            return query;
        }
        Document rewritten = new Document(query);
        rewritten.put("filter", filter);
        timelineReads.incrementAndGet();
        return rewritten;
    }

    /** Called under the apply lock after every write: extends the timeline by inserted events or drops it. */
    private void followTimeline(String database, String command, Document query, Document result, RuntimeException failure) {
        EventTimeline timeline = timelines.get(database);
        if (timeline == null && !"dropDatabase".equalsIgnoreCase(command) && !"renameCollection".equalsIgnoreCase(command)) {
            return;
        }
        if ("insert".equalsIgnoreCase(command) && timeline != null) {
            if (!timeline.collection().equals(query.get(command))) {
                return;
            }
            if (failure == null && result != null && !result.containsKey("writeErrors") && query.get("documents") instanceof List<?> docs) {
                boolean ok = true;
                for (Object d : docs) {
                    ok &= d instanceof Document doc && timeline.add(doc);
                }
                if (ok) {
                    return;
                }
            }
            // A partly failed insert: which documents took effect is for the collection to say.
            timelines.remove(database);
            return;
        }
        if ("dropDatabase".equalsIgnoreCase(command) || "renameCollection".equalsIgnoreCase(command)) {
            timelines.clear();
        } else if (timeline.collection().equals(query.get(command))
                || ("aggregate".equalsIgnoreCase(command) && String.valueOf(query.get("pipeline")).contains(timeline.collection()))) {
            timelines.remove(database);
        }
    }

    /**
     * Like MongoDB: a write is acknowledged before its journal commit unless its write concern asks for
     * the journal ({@code j: true}, or {@code w: "majority"}, which implies it on a replica set). Either
     * way the record is already in the log file, which survives the death of this process; only a
     * machine crash can lose an unsynced tail, and because the log is replayed in order up to its first
     * torn record, what survives is always a prefix: a projection or token write is never kept while an
     * earlier write is lost. Souhra journals its events (and reminder claims); read models and tracking
     * tokens are rebuilt or redelivered from them, so they need not wait for the disk (bench: each
     * processor waited for a sync per write, ~100 events/s catch-up).
     */
    static boolean wantsJournal(Document query) {
        if (!(query.get("writeConcern") instanceof Document concern)) {
            return false;
        }
        return Boolean.TRUE.equals(concern.get("j")) || "majority".equals(concern.get("w"));
    }

    private static boolean isReadOnlyAggregate(String command, Document query) {
        if (!"aggregate".equalsIgnoreCase(command)) {
            return false;
        }
        String pipeline = String.valueOf(query.get("pipeline"));
        return !pipeline.contains("$out") && !pipeline.contains("$merge");
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            // recorded as this opening's fault; GuardedBackend reports it and opens the files afresh
        }
    }

    /** Records the first fault of this opening (later ones follow from it) and returns it. */
    private Throwable fail(Throwable e) {
        synchronized (faultLock) {
            if (fault == null) {
                fault = e;
            }
            return fault;
        }
    }

    /** Why this opening of the files can no longer be used, or null while it can. */
    public Throwable fault() {
        return fault;
    }

    /** A failure of the store's files rather than of the command (which fails the same way on replay). */
    static boolean isStoreFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof MVStoreException || c instanceof IOException || c instanceof java.io.UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Commits the MVStore at a point between two writes, then drops the log records that commit now holds.
     * Only taking the version holds writes; its pages are written and synced while writes go on, and the
     * log before it is dropped only after that (a crash before leaves the previous commit and the whole log).
     */
    void checkpoint() {
        Throwable failed = fault;
        if (failed != null) {
            throw new StoreFaultException(failed, false);
        }
        try {
            if (!commitAndRetireLog()) {
                return;
            }
            long n = checkpoints.incrementAndGet();
            if (compactEveryCheckpoints > 0 && n % compactEveryCheckpoints == 0) {
                compact();
            }
        } catch (RuntimeException e) {
            // The write-ahead log still holds every write since the last good checkpoint.
            fail(e);
            throw e;
        }
    }

    /** The checkpoint without the compaction it may trigger; false if there was nothing to commit. */
    private boolean commitAndRetireLog() {
        Path finished;
        synchronized (wal.syncMonitor()) {
            synchronized (applyLock) {
                // Checked again under the lock: a checkpoint that passed the check before a write failed waited
                // here while that write was applied in memory and refused, and committed it (DiskFullTest found
                // the refused command's event in the store after the reopen).
                Throwable failed = fault;
                if (failed != null) {
                    throw new StoreFaultException(failed, false);
                }
                if (appliedSeq == lastCheckpointed && !store.hasUnsavedChanges()) {
                    return false;
                }
                long started = System.nanoTime();
                // tryCommit hands the pages to the serializer and returns; it gives up only if another store
                // operation holds MVStore's lock, and then the full commit waits for it.
                if (serializer == null || store.tryCommit() < 0 && store.hasUnsavedChanges()) {
                    store.commit();
                }
                // every write waited this long
                long held = System.nanoTime() - started;
                checkpointHoldMaxNanos.accumulateAndGet(held, Math::max);
                log.debug("checkpoint commit held writes for {} ms", held / 1_000_000);
                lastCheckpointed = appliedSeq;
                finished = wal.rotate(appliedSeq + 1);
            }
        }
        awaitSerialized();
        if (fsync) {
            store.sync();
        }
        // A chunk that failed to write in the serializer closes the MVStore there ("panic") and nothing is
        // thrown here; the log it covers must then stay (found on a full disk: it was deleted, and the
        // writes since the last good commit with it).
        if (store.isClosed()) {
            MVStoreException panic = store.getPanicException();
            throw panic != null ? panic : new IllegalStateException("The store closed itself during a checkpoint");
        }
        if (finished != null) {
            WriteAheadLog.retire(finished);
        }
        return true;
    }

    /**
     * Rewrites live pages out of sparse chunks so that freed space is reused and the file stays bounded.
     * The rewrite changes no content (each page is put back as it is, atomically per map), so it runs while
     * writes go on; the commit after it, like every checkpoint's, is taken between two writes. Under the apply
     * lock it had held every write 0.2-0.4 s every 30 s.
     */
    boolean compact() {
        long started = System.nanoTime();
        boolean rewritten = store.compact(REWRITE_BELOW_CHUNKS_FILL, compactWriteBudget);
        log.debug("compaction rewrote pages in {} ms while writes went on", (System.nanoTime() - started) / 1_000_000);
        commitAndRetireLog();
        boolean moved = moveChunks();
        return rewritten || moved;
    }

    /** Chunks whose live pages fill less than this (percent) are rewritten: live chunks then take at most 1.25× the live data. */
    static final int REWRITE_BELOW_CHUNKS_FILL = 80;

    /**
     * Chunks are moved into the file's free space when chunks fill less than this share of it (percent): with
     * the chunks at most 1.25× the live data, the file stays under 1.25 / 0.7 = 1.8× it.
     */
    static final int MOVE_BELOW_FILE_FILL = 70;

    /**
     * Bytes of chunks one compaction may move. The move holds writes (its commit must see no command half
     * applied), so it is kept small; at one compaction every 10 s it moves 0.8 MiB/s, more than the
     * 200k-command bench's checkpoints free.
     */
    static final long MOVE_BUDGET = 8L << 20;

    /**
     * Rewriting pages out of sparse chunks frees whole chunks, but the file only shrinks when its last
     * chunks go: the freed space is reused by new chunks, and without a move the file stayed at its high
     * water mark (3.24× the live data at 10k commands). MVStore's own housekeeping moves chunks from the
     * end into free space and truncates the file; that housekeeping runs only with MVStore's background
     * writer, whose commits at arbitrary moments could persist half a command, so the same move is made
     * here under the apply lock. MVStore syncs before it overwrites or truncates anything, so a crash
     * during a move reopens at the last complete chunk, and the log holds every write after it.
     */
    boolean moveChunks() {
        if (!(store.getFileStore() instanceof RandomAccessStore file) || file.getFillRate() >= MOVE_BELOW_FILE_FILL
                || UNDER_STORE_LOCK == null) {
            return false;
        }
        long started = System.nanoTime();
        long before = file.size();
        synchronized (applyLock) {
            Throwable failed = fault;
            if (failed != null) {
                throw new StoreFaultException(failed, false);
            }
            try {
                UNDER_STORE_LOCK.invoke(store, (java.util.concurrent.Callable<Boolean>) () -> {
                    file.compactMoveChunks(101, MOVE_BUDGET, store);
                    return true;
                });
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
            }
        }
        if (store.isClosed()) {
            MVStoreException panic = store.getPanicException();
            throw panic != null ? panic : new IllegalStateException("The store closed itself while moving chunks");
        }
        long held = System.nanoTime() - started;
        checkpointHoldMaxNanos.accumulateAndGet(held, Math::max);
        log.debug("moved chunks in {} ms while writes waited: file {} MiB -> {} MiB", held / 1_000_000, before >> 20, file.size() >> 20);
        return true;
    }

    /**
     * MVStore's {@code tryExecuteUnderStoreLock}: the chunk move commits, and a commit must hold the store's
     * lock. Package-private in H2 2.3; if a later H2 hides it, the file is not shrunk (and says so once).
     */
    private static final java.lang.reflect.Method UNDER_STORE_LOCK = underStoreLock();

    private static java.lang.reflect.Method underStoreLock() {
        try {
            java.lang.reflect.Method m = MVStore.class.getDeclaredMethod("tryExecuteUnderStoreLock", java.util.concurrent.Callable.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("The store file will not shrink while running (MVStore's store lock not found: {})", e.toString());
            return null;
        }
    }

    /** Waits until the serializer has written every commit handed to it. */
    private void awaitSerialized() {
        if (serializer != null) {
            // MVStore submits to its serializer under its store lock; this empty operation takes that lock and
            // drains the serializer before running.
            store.executeFilestoreOperation(() -> { });
        }
    }

    /**
     * How full the file is: the share of it that chunks take and the share of the chunks' bytes that live
     * pages fill, in percent (the bench prints them beside the file's size).
     */
    public int fileFillRate() {
        return store.getFileStore() == null ? 100 : store.getFileStore().getFillRate();
    }

    public int chunksFillRate() {
        return store.getFileStore() == null ? 100 : store.getFileStore().getChunksFillRate();
    }

    /** The longest time a checkpoint has kept writes waiting, since start: the store's own latency tail. */
    public long checkpointHoldMaxMillis() {
        return checkpointHoldMaxNanos.get() / 1_000_000;
    }

    /** Tracking reads answered through the timeline (for tests and the bench). */
    public long timelineReadCount() {
        return timelineReads.get();
    }

    /** The commands counted since start by name and collection, sorted; empty unless {@link #CENSUS_PROPERTY} is set. */
    public java.util.SortedMap<String, Long> census() {
        java.util.SortedMap<String, Long> out = new java.util.TreeMap<>();
        if (census != null) {
            census.forEach((k, v) -> out.put(k, v.sum()));
        }
        return out;
    }

    /** Data reads answered since start (with {@link #writeCount()}: the store round trips a workload costs). */
    public long readCount() {
        return reads.sum();
    }

    public long writeCount() {
        return writes.get();
    }

    public long checkpointCount() {
        return checkpoints.get();
    }

    public long fileSize() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }

    /**
     * Ends a failed opening without writing to the store file: a half-written chunk or a command applied but
     * not logged must not reach the disk. Writers waiting for the log's sync get one last try, so those whose
     * record is on disk are acknowledged (the next opening replays them). Afterwards the files can be opened
     * again.
     */
    void abandon() {
        fail(new IllegalStateException("abandoned"));
        housekeeper.shutdownNow();
        synchronized (wal.syncMonitor()) {
            synchronized (applyLock) {
                wal.abandon();
                store.closeImmediately();
            }
        }
        if (serializer != null) {
            serializer.shutdownNow();
        }
    }

    @Override
    public void close() {
        // Not shutdownNow: interrupting a checkpoint in the middle of its file write makes NIO close the
        // store's file channel, and the final checkpoint below then failed ("Writing ... failed", seen when
        // a test closed a 56 MB store during its checkpoint). A running checkpoint is let finish.
        housekeeper.shutdown();
        try {
            housekeeper.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint();
        synchronized (applyLock) {
            wal.close();
            super.close();
        }
        if (serializer != null) {
            serializer.shutdown();
        }
    }
}
