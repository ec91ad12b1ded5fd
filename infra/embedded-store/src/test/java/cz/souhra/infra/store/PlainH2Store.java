package cz.souhra.infra.store;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.h2.mvstore.MVStore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** A store file written by mongo-java-server's own H2 backend, with H2's default types: the old format. */
final class PlainH2Store {

    private PlainH2Store() {}

    /** Writes {@code dir/souhra.mv.db} through the plain backend; {@code writes} gets the database "souhra". */
    static void write(Path dir, Consumer<MongoDatabase> writes) {
        MVStore plain = new MVStore.Builder().fileName(dir.resolve("souhra.mv.db").toString()).open();
        MongoServer server = new MongoServer(new H2Backend(plain).version(ServerVersion.MONGO_5_0));
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            writes.accept(client.getDatabase("souhra"));
        } finally {
            server.shutdownNow();
            plain.close();
        }
    }
}
