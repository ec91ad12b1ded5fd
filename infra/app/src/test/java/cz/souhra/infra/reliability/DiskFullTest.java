package cz.souhra.infra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.audit.DeterminismCheck;
import cz.souhra.infra.reliability.SouhraHttp.Credentials;
import cz.souhra.infra.reliability.SouhraHttp.Reply;
import cz.souhra.infra.store.EmbeddedStore;
import cz.souhra.infra.store.SmallFileSystem;

/**
 * Souhra with its data directory on a small file system that fills up: commands and reads are answered
 * 503 STORE_UNAVAILABLE with a message about the disk, health and readiness go DOWN (and stay DOWN while the
 * disk is full), and once space is freed the same process takes commands again, with every acknowledged
 * command kept and the refused one not stored; the read models then hold every acknowledged command and
 * equal a rebuild from the events.
 */
@EnabledIf(value = "cz.souhra.infra.store.SmallFileSystem#mountable", disabledReason = "mounting a tmpfs needs root (CAP_SYS_ADMIN)")
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiskFullTest {

    static final Credentials ADMIN = new Credentials("admin", "ostruzinovy-kolac-u-reky-7");
    static SmallFileSystem fs;

    static {
        SouhraApplication.disableUpdateChecker();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        fs = SmallFileSystem.mount(24);
        r.add("souhra.data-dir", () -> fs.dir().resolve("data").toString());
        r.add("souhra.admin-password", () -> ADMIN.password());
        r.add("souhra.overdue.initial-delay", () -> "PT1H");
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedStore store;

    @Autowired
    DeterminismCheck determinism;

    @Autowired
    EventProcessingConfiguration processing;

    SouhraHttp http;

    @BeforeAll
    void client() {
        http = new SouhraHttp(port);
    }

    @AfterAll
    static void unmount() throws IOException {
        if (fs != null) {
            fs.close();
        }
    }

    @Test
    void given_disk_full_when_commanding_then_503_health_down_and_after_space_is_freed_commands_resume_with_nothing_lost_and_read_models_equal_a_rebuild() throws Exception {
        assertThat(http.post(ADMIN, "/api/institutions", institution("KULK")).status()).isEqualTo(201);
        Path filler = fs.fill(0);

        // A command may still fit in the log file's last page; each one answered 201 is acknowledged. One whose
        // events were stored before the disk failed a write of its own thread is answered outcome unknown: it
        // may be in the store, and the one after it is refused before anything is written.
        List<String> acknowledged = new ArrayList<>(List.of("KULK"));
        Reply refused = null;
        String refusedCode = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            String code = "FULL" + i;
            Reply r = http.post(ADMIN, "/api/institutions", institution(code), Map.of("Accept-Language", "en"));
            if (r.status() == 201) {
                acknowledged.add(code);
            } else if (!"STORE_UNAVAILABLE_OUTCOME_UNKNOWN".equals(r.json().path("code").asText())) {
                refused = r;
                refusedCode = code;
            }
        }
        assertThat(refused).as("the disk filled up").isNotNull();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("code").asText()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(refused.json().path("detail").asText()).contains("cannot write to its disk").contains("not recorded");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("mongodb");
        Reply czech = http.get(ADMIN, "/api/institutions");
        assertThat(czech.status()).isEqualTo(503);
        assertThat(czech.json().path("detail").asText()).contains("nemůže zapisovat na disk");

        Reply health = http.get(null, "/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
        Reply readiness = await(() -> http.get(null, "/actuator/health/readiness"), 503, Duration.ofSeconds(10));
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(store.unavailableReason()).contains("KiB free in");

        // Full for a while: the processors' retries back off (1, 2, 4 s ...) and must still resume with the store.
        Thread.sleep(3_000);
        assertThat(http.get(null, "/actuator/health").status()).as("DOWN while the disk stays full").isEqualTo(503);
        Files.delete(filler);
        Reply resumed = await(() -> http.post(ADMIN, "/api/institutions", institution("MPSV")), 201, Duration.ofSeconds(30));
        assertThat(resumed.status()).as("commands resume without a restart").isEqualTo(201);
        assertThat(await(() -> http.get(null, "/actuator/health"), 200, Duration.ofSeconds(10)).status()).isEqualTo(200);
        assertThat(await(() -> http.get(null, "/actuator/health/readiness"), 200, Duration.ofSeconds(10)).status()).isEqualTo(200);

        try (MongoClient c = MongoClients.create(store.connectionString())) {
            var events = c.getDatabase("souhra").getCollection("domainevents");
            for (String code : acknowledged) {
                assertThat(events.countDocuments(Filters.regex("serializedPayload", "\"" + code + "\""))).as("acknowledged before the fault: " + code).isEqualTo(1);
            }
            assertThat(events.countDocuments(Filters.regex("serializedPayload", "\"MPSV\""))).as("acknowledged after it").isEqualTo(1);
            assertThat(events.countDocuments(Filters.regex("serializedPayload", "\"" + refusedCode + "\""))).as("refused").isZero();
        }
        // the read models catch up by themselves, with every acknowledged command
        List<String> expected = new ArrayList<>(acknowledged);
        expected.add("MPSV");
        Reply list = await(() -> {
            Reply r = http.get(ADMIN, "/api/institutions");
            return expected.stream().allMatch(code -> r.body().contains("\"" + code + "\"")) ? r : new Reply(0, r.body(), r.headers(), 0);
        }, 200, Duration.ofSeconds(90));
        for (String code : expected) {
            assertThat(list.body()).as("read model after the reopen").contains("\"" + code + "\"");
        }
        assertThat(list.body()).doesNotContain("\"" + refusedCode + "\"");
        awaitProcessorsCaughtUp(Duration.ofSeconds(60));
        DeterminismCheck.Result rebuilt = determinism.run((n, phase) -> { });
        assertThat(rebuilt.collections()).filteredOn(c -> !c.equal()).as("read models that differ from a rebuild").isEmpty();
        assertThat(rebuilt.deterministic()).isTrue();
    }

    /** Every segment of every streaming processor caught up with the events and out of its retry mode. */
    private void awaitProcessorsCaughtUp(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && !processorsCaughtUp()) {
            Thread.sleep(250);
        }
        assertThat(processorsCaughtUp()).as("every processor caught up").isTrue();
    }

    private boolean processorsCaughtUp() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .allMatch(p -> !p.processingStatus().isEmpty()
                        && p.processingStatus().values().stream().allMatch(s -> s.isCaughtUp() && !s.isErrorState()));
    }

    private static String institution(String code) {
        return "{\"code\":\"" + code + "\",\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"Instituce " + code + "\"}";
    }

    private static Reply await(java.util.function.Supplier<Reply> call, int status, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Reply r = call.get();
        while (r.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            r = call.get();
        }
        return r;
    }
}
