package cz.souhra.infra.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The front of the embedded store, between mongo-java-server's wire protocol and {@link DurableH2Backend}:
 * <ul>
 *   <li><b>Closed:</b> a connection gets nothing but the handshake ({@code hello}) until it has proven the
 *       data directory's secret with SCRAM-SHA-256 ({@link ScramSha256}, {@link StoreSecret}); every other
 *       command is answered {@code Unauthorized} (code 13), as MongoDB answers it.</li>
 *   <li><b>Healing:</b> when an opening of the files fails (a write, its log sync or a checkpoint could not
 *       reach the disk), commands are refused with {@link StoreFaultException#CODE} and the files are opened
 *       afresh every second until that succeeds: the MVStore reopens at its last good commit and the
 *       write-ahead log replays every write logged since, which is every write acknowledged and none refused.
 *       Then commands are served again, on the same port, without a restart.</li>
 * </ul>
 */
final class GuardedBackend implements MongoBackend {

    private static final Logger log = LoggerFactory.getLogger(GuardedBackend.class);
    private static final AttributeKey<Object> AUTH = AttributeKey.valueOf("souhra.store.authentication");
    private static final Object AUTHENTICATED = new Object();
    private static final Object AWAITING_EMPTY_STEP = new Object();
    static final Duration SUMMARY_EVERY = Duration.ofSeconds(30);

    /** A SCRAM conversation between its two steps. */
    private record Pending(ScramSha256.Conversation conversation, boolean skipEmptyExchange) {}

    /** Told when the store stops or starts serving (the application maps it to readiness). */
    interface Listener {
        void unavailable(String reason);

        void available();
    }

    private final Path dir;
    private final Supplier<DurableH2Backend> reopen;
    private final ScramSha256 scram;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService healer;
    private final AtomicBoolean healQueued = new AtomicBoolean();
    private final Object healLock = new Object();
    private final LongAdder refused = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private volatile DurableH2Backend current;
    private volatile MongoVersion version;
    private volatile Listener listener = new Listener() {
        @Override
        public void unavailable(String reason) {
        }

        @Override
        public void available() {
        }
    };
    // guarded by healLock
    private Throwable fault;
    private Instant faultSince;
    private Throwable lastReopenFailure;
    private long reopenAttempts;
    private Instant lastSummary = Instant.MIN;
    private Instant lastAuthSummary = Instant.MIN;
    private volatile String unavailableReason;

    GuardedBackend(Path dir, DurableH2Backend opened, Supplier<DurableH2Backend> reopen, ScramSha256 scram, MongoVersion version) {
        this.dir = dir;
        this.current = opened;
        this.reopen = reopen;
        this.scram = scram;
        this.version = version;
        opened.version(version);
        this.healer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "souhra-store-heal");
            t.setDaemon(true);
            return t;
        });
        healer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    void listener(Listener listener) {
        this.listener = listener;
        if (unavailableReason != null) {
            listener.unavailable(unavailableReason);
        }
    }

    /** The opening of the files that serves now; null while none does. */
    DurableH2Backend current() {
        return current;
    }

    /** Why the store refuses commands now (one line), or null while it serves them. */
    String unavailableReason() {
        DurableH2Backend b = current;
        if (b != null && b.fault() != null) {
            return StoreFaultException.describe(b.fault());
        }
        return unavailableReason;
    }

    // ---- the gate

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        String command = query.keySet().iterator().next();
        return handleCommand(message.getChannel(), message.getDatabaseName(), command, query);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        switch (command.toLowerCase(Locale.ROOT)) {
            case "hello", "ismaster" -> {
                return hello(channel, query);
            }
            case "saslstart" -> {
                return saslStart(channel, database, query);
            }
            case "saslcontinue" -> {
                return saslContinue(channel, query);
            }
            default -> {
                if (!authenticated(channel)) {
                    return error(13, "Unauthorized", "command " + command + " requires authentication");
                }
            }
        }
        DurableH2Backend b = current;
        if (b == null) {
            refused.increment();
            return unavailable(false);
        }
        try {
            return b.handleCommand(channel, database, command, query);
        } catch (StoreFaultException e) {
            refused.increment();
            healSoon();
            return unavailable(e.outcomeUnknown());
        }
    }

    /** Legacy OP_QUERY on a collection (no driver of today sends it). */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        if (!authenticated(query.getChannel())) {
            return new QueryResult(List.of(new Document("$err", "query requires authentication").append("code", 13)), 0);
        }
        DurableH2Backend b = current;
        try {
            if (b != null) {
                return b.handleQuery(query);
            }
        } catch (StoreFaultException e) {
            healSoon();
        }
        refused.increment();
        return new QueryResult(List.of(new Document("$err", "store unavailable").append("code", StoreFaultException.CODE)), 0);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        DurableH2Backend b = current;
        return b == null || !authenticated(query.getChannel()) ? List.of() : b.getCurrentOperations(query);
    }

    /** Reached only through a legacy OP_QUERY, which carries no authenticated connection here. */
    @Override
    public Document getServerStatus() {
        return error(13, "Unauthorized", "serverStatus requires authentication (send it as a command)");
    }

    private static boolean authenticated(Channel channel) {
        return channel != null && channel.attr(AUTH).get() == AUTHENTICATED;
    }

    /** The handshake, answered here so that it needs neither authentication nor a working store. */
    private Document hello(Channel channel, Document query) {
        Document response = new Document("ismaster", Boolean.TRUE);
        response.put("isWritablePrimary", Boolean.TRUE);
        response.put("maxBsonObjectSize", BsonConstants.MAX_BSON_OBJECT_SIZE);
        response.put("maxWriteBatchSize", MongoWireProtocolHandler.MAX_WRITE_BATCH_SIZE);
        response.put("maxMessageSizeBytes", MongoWireProtocolHandler.MAX_MESSAGE_SIZE_BYTES);
        response.put("maxWireVersion", version.getWireVersion());
        response.put("minWireVersion", 0);
        response.put("localTime", Instant.now(clock));
        if (query.get("saslSupportedMechs") instanceof String) {
            response.put("saslSupportedMechs", List.of(ScramSha256.MECHANISM));
        }
        // The driver's first step inside the handshake (saves a round trip per connection).
        if (query.get("speculativeAuthenticate") instanceof Document start) {
            Document first = saslStart(channel, String.valueOf(start.get("db")), start);
            if (Integer.valueOf(1).equals(first.get("ok"))) {
                first.remove("ok");
                response.put("speculativeAuthenticate", first);
            }
        }
        response.put("ok", 1.0);
        return response;
    }

    private Document saslStart(Channel channel, String database, Document query) {
        channel.attr(AUTH).set(null);
        if (!ScramSha256.MECHANISM.equals(query.get("mechanism"))) {
            return error(334, "MechanismUnavailable", "Received authentication for mechanism " + query.get("mechanism")
                    + " which is unknown or not enabled; this store accepts " + ScramSha256.MECHANISM);
        }
        ScramSha256.Conversation conversation = "admin".equals(database) && query.get("payload") instanceof BinData payload
                ? scram.start(payload.getData()) : null;
        if (conversation == null) {
            return authenticationFailed();
        }
        boolean skip = query.get("options") instanceof Document options && Boolean.TRUE.equals(options.get("skipEmptyExchange"));
        channel.attr(AUTH).set(new Pending(conversation, skip));
        return new Document("conversationId", 1).append("done", Boolean.FALSE)
                .append("payload", new BinData(conversation.serverFirst().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .append("ok", 1);
    }

    private Document saslContinue(Channel channel, Document query) {
        Object state = channel.attr(AUTH).get();
        byte[] payload = query.get("payload") instanceof BinData data ? data.getData() : new byte[0];
        if (state == AWAITING_EMPTY_STEP) {
            channel.attr(AUTH).set(AUTHENTICATED);
            return new Document("conversationId", 1).append("done", Boolean.TRUE).append("payload", new BinData(new byte[0])).append("ok", 1);
        }
        if (!(state instanceof Pending pending)) {
            channel.attr(AUTH).set(null);
            return error(17, "ProtocolError", "saslContinue without a conversation");
        }
        ScramSha256.Verified verified = scram.finish(pending.conversation(), payload);
        if (verified == null) {
            channel.attr(AUTH).set(null);
            return authenticationFailed();
        }
        channel.attr(AUTH).set(pending.skipEmptyExchange() ? AUTHENTICATED : AWAITING_EMPTY_STEP);
        return new Document("conversationId", 1).append("done", pending.skipEmptyExchange())
                .append("payload", new BinData(verified.serverFinal())).append("ok", 1);
    }

    private Document authenticationFailed() {
        authFailures.increment();
        boolean first;
        synchronized (healLock) {
            first = lastAuthSummary == Instant.MIN;
            if (first) {
                lastAuthSummary = Instant.now(clock);
            }
        }
        if (first) {
            log.warn("A connection to the embedded store failed to authenticate (it does not have the data directory's secret);"
                    + " further failures are counted every {} s", SUMMARY_EVERY.toSeconds());
        }
        return error(18, "AuthenticationFailed", "Authentication failed.");
    }

    private static Document error(int code, String codeName, String message) {
        return new Document("ok", 0.0).append("errmsg", message).append("code", code).append("codeName", codeName);
    }

    private Document unavailable(boolean outcomeUnknown) {
        String reason = unavailableReason();
        String message = "Souhra's embedded store cannot write its files (" + (reason == null ? "reopening" : reason)
                + "); the command was " + (outcomeUnknown ? "logged, but whether the log reached the disk is not known" : "not recorded")
                + ". The store reopens by itself once the disk takes writes again.";
        return outcomeUnknown
                ? error(StoreFaultException.CODE_OUTCOME_UNKNOWN, StoreFaultException.CODE_NAME_OUTCOME_UNKNOWN, message)
                : error(StoreFaultException.CODE, StoreFaultException.CODE_NAME, message);
    }

    // ---- healing

    private void healSoon() {
        if (healQueued.compareAndSet(false, true)) {
            try {
                healer.execute(() -> {
                    healQueued.set(false);
                    heal();
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                healQueued.set(false);
            }
        }
    }

    private void tick() {
        try {
            heal();
            summarizeAuthFailures();
        } catch (RuntimeException e) {
            log.error("Store healing check failed", e);
        }
    }

    /** Replaces a failed opening with a fresh one; the one place that changes {@link #current}. */
    void heal() {
        synchronized (healLock) {
            DurableH2Backend b = current;
            if (b != null && b.fault() == null) {
                return;
            }
            Instant now = Instant.now(clock);
            if (b != null) {
                fault = b.fault();
                faultSince = now;
                lastSummary = now;
                reopenAttempts = 0;
                lastReopenFailure = null;
                unavailableReason = StoreFaultException.describe(fault) + freeSpace();
                current = null;
                // One stack trace per fault; what follows is counted (a full disk once made 45 MB of log in 45 s).
                log.error("Embedded store unavailable: {}. Commands are refused with 503 STORE_UNAVAILABLE; the files are"
                        + " reopened every second until the disk takes writes again.", unavailableReason, fault);
                listener.unavailable(unavailableReason);
                b.abandon();
            }
            reopenAttempts++;
            try {
                requireRoomToReopen();
                DurableH2Backend fresh = reopen.get();
                fresh.version(version);
                current = fresh;
                unavailableReason = null;
                log.info("Embedded store serving again after {} s: reopened from its file and write-ahead log ({} commands refused meanwhile)",
                        Duration.between(faultSince, Instant.now(clock)).toSeconds(), refused.sumThenReset());
                listener.available();
            } catch (RuntimeException e) {
                lastReopenFailure = e;
                if (!Duration.between(lastSummary, now).minus(SUMMARY_EVERY).isNegative()) {
                    log.warn("Embedded store still unavailable after {} s ({}): {} commands refused and {} reopen attempts in the last {} s;"
                                    + " last attempt: {}", Duration.between(faultSince, now).toSeconds(), unavailableReason,
                            refused.sumThenReset(), reopenAttempts, Duration.between(lastSummary, now).toSeconds(),
                            StoreFaultException.describe(e));
                    lastSummary = now;
                    reopenAttempts = 0;
                }
            }
        }
    }

    /**
     * Free space a reopening needs before it is tried. The recovery's commit often fits into the free pages
     * inside the store file even on a full disk, so without this the store served again at once and failed at
     * the next write (seen: refused, serving, refused within 1.5 s), and health and readiness flapped with it.
     * 4 MiB hold the recovery's commit and several seconds of writes at the bench's rate; a file system smaller
     * than 40 MiB needs a tenth of its size.
     */
    static final long REOPEN_FREE_BYTES = 4L << 20;

    private void requireRoomToReopen() {
        long free;
        long needed;
        try {
            java.nio.file.FileStore fs = Files.getFileStore(dir);
            free = fs.getUsableSpace();
            needed = Math.min(REOPEN_FREE_BYTES, fs.getTotalSpace() / 10);
        } catch (IOException e) {
            return; // the reopening names the file system's own fault
        }
        if (free < needed) {
            throw new StoreFaultException(new IOException("No space left on device: " + free / 1024 + " KiB free in "
                    + dir.toAbsolutePath() + ", reopening waits for " + needed / 1024 + " KiB"), false);
        }
    }

    /** The data directory's free space, which tells a full disk from a failing one. */
    private String freeSpace() {
        try {
            return "; " + Files.getFileStore(dir).getUsableSpace() / 1024 + " KiB free in " + dir.toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void summarizeAuthFailures() {
        Instant now = Instant.now(clock);
        synchronized (healLock) {
            if (lastAuthSummary == Instant.MIN || Duration.between(lastAuthSummary, now).compareTo(SUMMARY_EVERY) < 0) {
                return;
            }
            long failures = authFailures.sumThenReset();
            if (failures > 0) {
                log.warn("{} failed authentications to the embedded store in the last {} s", failures, Duration.between(lastAuthSummary, now).toSeconds());
                lastAuthSummary = now;
            } else {
                lastAuthSummary = Instant.MIN;
            }
        }
    }

    // ---- the rest of MongoBackend, for the opening that serves

    @Override
    public void handleClose(Channel channel) {
        DurableH2Backend b = current;
        if (b != null) {
            b.handleClose(channel);
        }
    }

    @Override
    public void dropDatabase(String database) {
        serving().dropDatabase(database);
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        DurableH2Backend b = current;
        if (b != null) {
            b.closeCursors(cursorIds);
        }
    }

    @Override
    public Clock getClock() {
        return clock;
    }

    @Override
    public void enableOplog() {
        throw new UnsupportedOperationException("the embedded store keeps no oplog");
    }

    @Override
    public void disableOplog() {
        // none kept
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return serving().resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        this.version = version;
        DurableH2Backend b = current;
        if (b != null) {
            b.version(version);
        }
        return this;
    }

    private DurableH2Backend serving() {
        DurableH2Backend b = current;
        if (b == null) {
            throw new StoreFaultException(null, false);
        }
        return b;
    }

    @Override
    public void close() {
        healer.shutdownNow();
        try {
            healer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (healLock) {
            DurableH2Backend b = current;
            current = null;
            if (b == null) {
                return;
            }
            if (b.fault() == null) {
                b.close();
            } else {
                b.abandon();
            }
        }
    }
}
