package cz.souhra.infra.store;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 backend of mongo-java-server with acknowledgement tied to a durable commit.
 *
 * <p>As shipped, the backend lets MVStore commit in the background about once a second, so a write
 * acknowledged to the driver can vanish on {@code kill -9} (measured: 16 of 20 lost). Here auto-commit
 * is off and every modifying command returns only after the MVStore version that contains it has been
 * committed (and, by default, fsynced). Concurrent writers share commits (group commit): whoever commits
 * takes every write finished so far along, and the others find their ticket already durable.
 *
 * <p>A commit is taken only at a quiescent point (write lock) so the file never holds half of a command,
 * e.g. a unique-index entry without its document — which would poison an aggregate's sequence forever.
 */
public final class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    /** Commands that never change data; everything else is treated as a write (the safe default). */
    private static final Set<String> READS = Set.of(
            "find", "getmore", "count", "distinct", "listcollections", "listindexes", "listdatabases",
            "hello", "ismaster", "buildinfo", "ping", "serverstatus", "whatsmyuri", "killcursors",
            "endsessions", "dbstats", "collstats", "getlasterror", "getparameter", "hostinfo",
            "getcmdlineopts", "connectionstatus", "explain", "getlog", "features", "saslstart",
            "saslcontinue", "logout", "abortransaction", "committransaction");

    private final MVStore store;
    private final boolean fsync;
    private final ReentrantReadWriteLock quiesce = new ReentrantReadWriteLock();
    private final Object committer = new Object();
    private final AtomicLong writesApplied = new AtomicLong();
    private volatile long writesDurable;
    private final AtomicLong commits = new AtomicLong();
    private final ScheduledExecutorService compactor;

    private DurableH2Backend(MVStore store, boolean fsync, long compactEverySeconds) {
        super(store);
        this.store = store;
        this.fsync = fsync;
        this.compactor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "souhra-store-compactor");
            t.setDaemon(true);
            return t;
        });
        if (compactEverySeconds > 0) {
            compactor.scheduleWithFixedDelay(this::compact, compactEverySeconds, compactEverySeconds, TimeUnit.SECONDS);
        }
    }

    /**
     * Opens (or creates) the store file. MVStore recovers to the last complete commit after an unclean
     * stop by itself: each chunk carries a checksum and the newest valid one wins.
     */
    public static DurableH2Backend open(String fileName, boolean fsync, long compactEverySeconds) {
        MVStore store = new MVStore.Builder()
                .fileName(fileName)
                .autoCommitDisabled()
                // With commits per write, unused chunks pile up; reusing them after a few seconds keeps
                // the file bounded while a reader on an older version can still finish.
                .autoCompactFillRate(0)
                .open();
        store.setRetentionTime(5_000);
        return new DurableH2Backend(store, fsync, compactEverySeconds);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if ("hello".equalsIgnoreCase(command)) {
            // Newer clients (Spring's health check) ask "hello"; the server knows only its older name.
            Document answer = super.handleCommand(channel, database, "ismaster", query);
            answer.put("isWritablePrimary", Boolean.TRUE);
            return answer;
        }
        if (READS.contains(command.toLowerCase(Locale.ROOT)) && !isWritingAggregate(command, query)) {
            return super.handleCommand(channel, database, command, query);
        }
        long ticket;
        quiesce.readLock().lock();
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            ticket = writesApplied.incrementAndGet();
            quiesce.readLock().unlock();
            makeDurable(ticket);
        }
    }

    private static boolean isWritingAggregate(String command, Document query) {
        return "aggregate".equalsIgnoreCase(command) && String.valueOf(query.get("pipeline")).contains("$out");
    }

    private void makeDurable(long ticket) {
        synchronized (committer) {
            if (writesDurable >= ticket) {
                return;
            }
            long upTo;
            quiesce.writeLock().lock();
            try {
                upTo = writesApplied.get();
                store.commit();
            } finally {
                quiesce.writeLock().unlock();
            }
            // Outside the write lock: writers may apply the next batch while the disk flushes this one.
            if (fsync) {
                store.sync();
            }
            writesDurable = upTo;
            commits.incrementAndGet();
        }
    }

    /** Moves live pages out of sparse chunks so freed space is reused and the file stays bounded. */
    void compact() {
        try {
            synchronized (committer) {
                quiesce.writeLock().lock();
                try {
                    store.compact(60, 4 * 1024 * 1024);
                    store.commit();
                } finally {
                    quiesce.writeLock().unlock();
                }
                if (fsync) {
                    store.sync();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Store compaction failed; will retry: {}", e.toString());
        }
    }

    /** Number of durable commits so far; with group commit usually fewer than writes. */
    public long commitCount() {
        return commits.get();
    }

    public long writeCount() {
        return writesApplied.get();
    }

    public long fileSize() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }

    @Override
    public void close() {
        compactor.shutdownNow();
        synchronized (committer) {
            quiesce.writeLock().lock();
            try {
                super.close();
            } finally {
                quiesce.writeLock().unlock();
            }
        }
    }
}
