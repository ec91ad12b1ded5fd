package cz.souhra.infra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.reliability.SouhraHttp.Credentials;
import cz.souhra.infra.reliability.SouhraHttp.Reply;
import cz.souhra.infra.store.EmbeddedStore;

/**
 * Souhra on a store it does not host ({@code spring.data.mongodb.uri}, as a second process on a shared
 * store runs): when the store goes away, reads and commands are refused with a 503 ProblemDetail (not
 * a hang, not a 500), a refused command leaves nothing behind, and once the store is back the service
 * answers again without a restart. How fast the 503 comes is measured in bench/ (RelOutageBench).
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreOutageTest {

    static final Credentials ADMIN = new Credentials("admin", "zluty-kocour-na-plote-7");
    static Path storeDir;
    static int storePort;
    static EmbeddedStore store;

    static {
        SouhraApplication.disableUpdateChecker();
        try {
            storeDir = Files.createTempDirectory("souhra-outage");
            try (ServerSocket s = new ServerSocket(0)) {
                storePort = s.getLocalPort();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        store = EmbeddedStore.start(storeDir, "127.0.0.1", storePort, true, 0);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.data.mongodb.uri", () -> EmbeddedStore.connectionString(storeDir, "127.0.0.1", storePort, "souhra"));
        r.add("souhra.admin-password", () -> ADMIN.password());
        r.add("souhra.overdue.initial-delay", () -> "PT1H");
    }

    @LocalServerPort
    int port;

    SouhraHttp http;

    @BeforeAll
    void client() {
        http = new SouhraHttp(port);
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    @Test
    void given_store_stopped_when_reading_and_commanding_then_503_problems_nothing_written_and_service_resumes_when_store_returns() throws Exception {
        assertThat(http.post(ADMIN, "/api/institutions", "{\"code\":\"KULK\",\"region\":\"LBK\",\"kind\":\"REGION_OFFICE\",\"name\":\"Krajský úřad\"}").status())
                .isEqualTo(201);
        long eventsBefore = events();

        store.close();
        Reply read = http.get(ADMIN, "/api/institutions");
        Reply command = http.post(ADMIN, "/api/institutions", "{\"code\":\"UPLB\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Úřad práce\"}");

        assertThat(read.status()).isEqualTo(503);
        assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(read.json().path("code").asText()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(command.status()).isEqualTo(503);
        assertThat(command.json().path("code").asText()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(command.body()).doesNotContain("Exception").doesNotContain("mongodb");

        store = EmbeddedStore.start(storeDir, "127.0.0.1", storePort, true, 0);
        assertThat(events()).as("the refused command wrote nothing").isEqualTo(eventsBefore);
        Reply resumed = awaitStatus(() -> http.post(ADMIN, "/api/institutions",
                "{\"code\":\"UPLB\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Úřad práce\"}"), 201, Duration.ofSeconds(30));
        assertThat(resumed.status()).isEqualTo(201);
        // The projections' tracking processors back off after the outage and catch up by themselves.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Reply list = http.get(ADMIN, "/api/institutions");
        while (!list.body().contains("\"UPLB\"") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            list = http.get(ADMIN, "/api/institutions");
        }
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("\"UPLB\"");
        assertThat(events()).isEqualTo(eventsBefore + 1);
    }

    private static long events() {
        try (MongoClient c = MongoClients.create(EmbeddedStore.connectionString(storeDir, "127.0.0.1", storePort, ""))) {
            return c.getDatabase("souhra").getCollection("domainevents").countDocuments();
        }
    }

    private static Reply awaitStatus(java.util.function.Supplier<Reply> call, int status, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Reply r = call.get();
        while (r.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            r = call.get();
        }
        return r;
    }
}
