package cz.souhra.infra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.bson.Document;
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
import com.mongodb.client.model.Filters;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.reliability.SouhraHttp.Credentials;
import cz.souhra.infra.reliability.SouhraHttp.Reply;
import cz.souhra.infra.store.EmbeddedStore;

/**
 * Souhra on a store that stops answering without closing its connections (a frozen process): the
 * driver's socket timeout is set to a minute here, so only the watchdog can answer these requests before
 * the client's 20 s give up. A read waiting on the frozen store and a command that was on its way get
 * 503 problems (the command's says its outcome is unknown); a command that arrives after the failed ping
 * is refused before it is sent and is not in the store after the thaw; the service then answers again.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrozenStoreTest {

    static final Credentials ADMIN = new Credentials("admin", "zluty-kocour-na-plote-7");
    static EmbeddedStore store;
    static int storePort;
    static Path storeDir;
    static FreezableProxy proxy;

    static {
        SouhraApplication.disableUpdateChecker();
        try {
            Path dir = Files.createTempDirectory("souhra-frozen");
            storeDir = dir;
            try (ServerSocket s = new ServerSocket(0)) {
                storePort = s.getLocalPort();
            }
            store = EmbeddedStore.start(dir, "127.0.0.1", storePort, true, 0);
            proxy = new FreezableProxy(storePort);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.data.mongodb.uri", () -> EmbeddedStore.connectionString(storeDir, "127.0.0.1", proxy.port(), "souhra"));
        r.add("souhra.admin-password", () -> ADMIN.password());
        r.add("souhra.overdue.initial-delay", () -> "PT1H");
        r.add("souhra.store.socket-timeout", () -> "PT60S");
    }

    @LocalServerPort
    int port;

    SouhraHttp http;

    @BeforeAll
    void client() {
        http = new SouhraHttp("http://127.0.0.1:" + port, Duration.ofSeconds(20));
    }

    @AfterAll
    void close() throws Exception {
        proxy.close();
        store.close();
    }

    @Test
    void given_frozen_store_when_reading_and_commanding_then_503_before_the_socket_timeout_refused_command_not_recorded_and_service_resumes() throws Exception {
        assertThat(institution("KULK").status()).isEqualTo(201);

        proxy.freeze();
        Reply inFlight = institution("UPLB");
        Reply read = http.get(ADMIN, "/api/institutions");
        Reply refused = institution("OAMP");

        assertThat(inFlight.status()).as(inFlight.body()).isEqualTo(503);
        assertThat(inFlight.json().path("code").asText()).isEqualTo("STORE_UNAVAILABLE_OUTCOME_UNKNOWN");
        assertThat(inFlight.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(read.status()).as(read.body()).isEqualTo(503);
        assertThat(read.json().path("code").asText()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.json().path("code").asText()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("mongodb");

        proxy.thaw();
        Reply resumed = CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Reply r = institution("PCR");
            while (r.status() != 201 && System.nanoTime() < deadline) {
                sleep();
                r = institution("PCR");
            }
            return r;
        }).join();
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(201);
        assertThat(storedEventsMentioning("OAMP")).as("the command refused before sending is not in the store").isZero();
        assertThat(storedEventsMentioning("PCR")).isEqualTo(1);
    }

    private Reply institution(String code) {
        return http.post(ADMIN, "/api/institutions", "{\"code\":\"" + code + "\",\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"Instituce " + code + "\"}");
    }

    private static long storedEventsMentioning(String code) {
        try (MongoClient c = MongoClients.create(EmbeddedStore.connectionString(storeDir, "127.0.0.1", storePort, ""))) {
            return c.getDatabase("souhra").getCollection("domainevents")
                    .countDocuments(Filters.regex("serializedPayload", "\"" + code + "\""));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
