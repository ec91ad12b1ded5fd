package cz.souhra.bench;

import java.nio.file.Path;

import org.bson.Document;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.store.DurableH2Backend;
import cz.souhra.infra.store.EmbeddedStore;

/** Souhra in this JVM on a data directory, with security on and the bootstrap admin password. */
final class Souhra implements AutoCloseable {
    static final String ADMIN_PASSWORD = "vykonny-vlak-pod-bukem-1";

    final ConfigurableApplicationContext context;
    final PerfHttp http;
    final MongoClient client;
    final MongoDatabase db;

    private Souhra(ConfigurableApplicationContext context) {
        this.context = context;
        this.http = new PerfHttp(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        this.client = MongoClients.create(context.getBean(EmbeddedStore.class).connectionString());
        this.db = client.getDatabase("souhra");
    }

    static Souhra start(Path dir) {
        SpringApplication app = new SpringApplication(SouhraApplication.class);
        return new Souhra(app.run(arguments(dir, 0)));
    }

    MongoCollection<Document> events() {
        return db.getCollection("domainevents");
    }

    DurableH2Backend store() {
        return context.getBean(EmbeddedStore.class).backend();
    }

    @Override
    public void close() {
        client.close();
        context.close();
    }

    /** The command line of Souhra on {@code dir} and {@code port} (0: any free one), quiet but for warnings. */
    static String[] arguments(Path dir, int port) {
        return new String[] {"--souhra.data-dir=" + dir, "--server.port=" + port, "--souhra.admin-password=" + ADMIN_PASSWORD,
                "--souhra.overdue.initial-delay=PT1H", "--logging.level.root=warn", "--logging.level.cz.souhra=warn"};
    }
}
