package cz.souhra.infra.store;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;

/**
 * The in-process Mongo-protocol server Souhra runs on when no MongoDB is configured. The real MongoDB
 * driver talks to it over loopback, so the code path is the same as against a real replica set. Every
 * connection must authenticate with the data directory's secret ({@link StoreSecret}, SCRAM-SHA-256):
 * the port is reachable by every local process, the data only by one that can read the secret file.
 */
public final class EmbeddedStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);

    /** Netty worker threads of the store (default 64). */
    static final String WORKER_THREADS_PROPERTY = "souhra.embedded.worker-threads";

    private final DataDirectoryLock lock;
    private final GuardedBackend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path dataDir;
    private final String secret;

    private EmbeddedStore(Path dataDir, DataDirectoryLock lock, GuardedBackend backend, MongoServer server, InetSocketAddress address, String secret) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.backend = backend;
        this.server = server;
        this.address = address;
        this.secret = secret;
    }

    /**
     * @param port 0 for a random loopback port (private to this process); a fixed port lets a second
     *             Souhra process share this store
     */
    public static EmbeddedStore start(Path dataDir, String host, int port, boolean fsync, long compactEverySeconds) {
        return start(dataDir, host, port, fsync, compactEverySeconds, null);
    }

    /**
     * As {@link #start(Path, String, int, boolean, long)}; tracking reads of {@code events} (the client's event
     * collection, null for none) are answered from the store's in-memory timeline instead of a scan.
     */
    public static EmbeddedStore start(Path dataDir, String host, int port, boolean fsync, long compactEverySeconds, EventCollection events) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        GuardedBackend backend = null;
        try {
            String secret = StoreSecret.of(dataDir);
            DurableH2Backend opened = DurableH2Backend.open(dataDir, fsync, 1_000, compactEverySeconds, events);
            // The MongoDB 5.x driver refuses servers below wire version 8.
            backend = new GuardedBackend(dataDir, opened, () -> DurableH2Backend.open(dataDir, fsync, 1_000, compactEverySeconds, events),
                    new ScramSha256(StoreSecret.USER, secret), ServerVersion.MONGO_5_0);
            MongoServer server = new MongoServer(backend);
            // A write that asks for the journal holds its worker thread until the log is synced; with Netty's
            // default of 4 workers that stalls every other connection on the same worker.
            server.bind(new InetSocketAddress(host, port), 1, Integer.getInteger(WORKER_THREADS_PROPERTY, 64));
            InetSocketAddress address = server.getLocalAddress();
            log.info("Embedded store on {} (data in {}, fsync={}); connections authenticate as user {} with the secret in {}",
                    address, dataDir.toAbsolutePath(), fsync, StoreSecret.USER, dataDir.resolve(StoreSecret.FILE_NAME).toAbsolutePath());
            return new EmbeddedStore(dataDir, lock, backend, server, address, secret);
        } catch (RuntimeException e) {
            try {
                if (backend != null) {
                    backend.close();
                }
            } finally {
                lock.close();
            }
            throw e;
        }
    }

    /** A connection string with the store's credentials, for the database the client names. */
    public String connectionString() {
        return connectionString("");
    }

    /** A connection string with the store's credentials and {@code database} as its default database. */
    public String connectionString(String database) {
        return connectionString(secret, address.getHostString(), address.getPort(), database);
    }

    /**
     * The connection string a second process uses for the store of {@code dataDir} served on
     * {@code host:port} ({@code souhra.embedded.port}): it must be able to read the directory's secret.
     */
    public static String connectionString(Path dataDir, String host, int port, String database) {
        return connectionString(StoreSecret.of(dataDir), host, port, database);
    }

    private static String connectionString(String secret, String host, int port, String database) {
        return "mongodb://" + StoreSecret.USER + ":" + secret + "@" + host + ":" + port
                + "/" + database + "?authSource=admin&authMechanism=" + ScramSha256.MECHANISM;
    }

    public InetSocketAddress address() {
        return address;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The opening of the store's files that serves now; null while a failed one is being replaced. */
    public DurableH2Backend backend() {
        return backend.current();
    }

    /** Why the store refuses commands now (one line, e.g. "No space left on device"), or null while it serves. */
    public String unavailableReason() {
        return backend.unavailableReason();
    }

    /**
     * Called with the reason when the store starts refusing commands and when it serves again (and at once
     * if it refuses now).
     */
    public void onAvailability(java.util.function.Consumer<String> unavailable, Runnable available) {
        backend.listener(new GuardedBackend.Listener() {
            @Override
            public void unavailable(String reason) {
                unavailable.accept(reason);
            }

            @Override
            public void available() {
                available.run();
            }
        });
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } finally {
            lock.close();
        }
    }
}
