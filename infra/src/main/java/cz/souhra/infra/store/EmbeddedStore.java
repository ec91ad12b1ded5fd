package cz.souhra.infra.store;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;

/**
 * The in-process Mongo-protocol server Souhra runs on when no MongoDB is configured. The real MongoDB
 * driver talks to it over loopback, so the code path is the same as against a real replica set.
 */
public final class EmbeddedStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);

    /** Netty worker threads of the store (default 64). */
    static final String WORKER_THREADS_PROPERTY = "souhra.embedded.worker-threads";

    private final DataDirectoryLock lock;
    private final DurableH2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path dataDir;

    private EmbeddedStore(Path dataDir, DataDirectoryLock lock, DurableH2Backend backend, MongoServer server, InetSocketAddress address) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.backend = backend;
        this.server = server;
        this.address = address;
    }

    /**
     * @param port 0 for a random loopback port (private to this process); a fixed port lets a second
     *             Souhra process share this store
     */
    public static EmbeddedStore start(Path dataDir, String host, int port, boolean fsync, long compactEverySeconds) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        try {
            DurableH2Backend backend = DurableH2Backend.open(dataDir, fsync, 1_000, compactEverySeconds);
            // The MongoDB 5.x driver refuses servers below wire version 8.
            backend.version(ServerVersion.MONGO_5_0);
            MongoServer server = new MongoServer(backend);
            // A write that asks for the journal holds its worker thread until the log is synced, and with
            // Netty's 4 workers that stalled every other connection on the same worker (JFR: 612 waits of
            // ~16 ms on the sync monitor in one bench run; 8 clients 92/s with 4 workers, 82-129/s with 64).
            // 64 were withdrawn once on suspicion of SIGKILL losses; the cause was the checkpoint deleting
            // the live log (see WriteAheadLog.rotate), not the workers.
            server.bind(new InetSocketAddress(host, port), 1, Integer.getInteger(WORKER_THREADS_PROPERTY, 64));
            InetSocketAddress address = server.getLocalAddress();
            log.info("Embedded store on {} (data in {}, fsync={})", address, dataDir.toAbsolutePath(), fsync);
            return new EmbeddedStore(dataDir, lock, backend, server, address);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public InetSocketAddress address() {
        return address;
    }

    public Path dataDir() {
        return dataDir;
    }

    public DurableH2Backend backend() {
        return backend;
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
