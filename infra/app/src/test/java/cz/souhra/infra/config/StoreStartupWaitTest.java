package cz.souhra.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Souhra started against a store ({@code spring.data.mongodb.uri}) that is not there yet: it waits for the
 * store up to {@code souhra.store.startup-timeout}, and fails after that with a message naming the store
 * and the setting, instead of failing at the first 1 s server selection timeout.
 */
@ExtendWith(OutputCaptureExtension.class)
class StoreStartupWaitTest {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String[] args(int storePort, Path dataDir, String timeout) {
        return new String[] {"--spring.data.mongodb.uri=mongodb://127.0.0.1:" + storePort + "/souhra", "--server.port=0",
                "--souhra.data-dir=" + dataDir, "--souhra.admin-password=zluty-kocour-na-plote-7", "--souhra.overdue.initial-delay=PT1H",
                "--souhra.store.startup-timeout=" + timeout};
    }

    @Test
    void a_store_that_comes_up_three_seconds_after_the_start_began_waiting_is_waited_for_and_souhra_then_serves(CapturedOutput output)
            throws Exception {
        int storePort = freePort();
        AtomicReference<MongoServer> store = new AtomicReference<>();
        ExecutorService later = Executors.newSingleThreadExecutor();
        // The store comes up 3 s after Souhra began to wait for it (how long the start takes before that varies
        // with the host's load, so the delay is counted from the wait, not from the start).
        later.submit(() -> {
            while (!output.getOut().contains("The store does not answer yet")) {
                Thread.sleep(50);
            }
            Thread.sleep(3000);
            MongoServer server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", storePort);
            store.set(server);
            return null;
        });
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SouhraApplication.class)
                .run(args(storePort, TestApplication.newDataDir("souhra-late-store"), "PT60S"))) {
            assertThat(store.get()).as("the store came up during the start").isNotNull();
            assertThat(output.getOut()).containsPattern("The store answered after [0-9]+ ms");
            String port = app.getEnvironment().getProperty("local.server.port");
            Integer status = WebClient.create("http://127.0.0.1:" + port).get().uri("/api/me")
                    .headers(h -> h.setBasicAuth("admin", "zluty-kocour-na-plote-7"))
                    .exchangeToMono(r -> reactor.core.publisher.Mono.just(r.statusCode().value())).block(Duration.ofSeconds(30));
            assertThat(status).isEqualTo(200);
        } finally {
            later.shutdownNow();
            if (store.get() != null) {
                store.get().shutdownNow();
            }
        }
    }

    @Test
    void a_store_that_never_answers_fails_the_start_after_the_bound_with_a_message_naming_the_store_and_the_setting() throws Exception {
        int storePort = freePort();
        long started = System.nanoTime();
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(SouhraApplication.class)
                .run(args(storePort, TestApplication.newDataDir("souhra-no-store"), "PT3S")).close());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failure).isNotNull();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof IllegalStateException && cause.getMessage().startsWith("The store at"))) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the start-up wait's refusal among the causes of %s", failure).isNotNull();
        assertThat(cause.getMessage()).startsWith("The store at [127.0.0.1:" + storePort + "] did not answer within 3 s (souhra.store.startup-timeout;")
                .contains("Connection refused");
        // at least the bound; the rest is the start before the store's client is made, slow on a busy host
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(120));
    }
}
