package cz.souhra.infra.security;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;

/**
 * One running Souhra shared by the security tests (Spring caches the context because every subclass has
 * the same configuration): the embedded store in a temporary directory, {@code admin} with a configured
 * password, and a clock the tests can move.
 */
@SpringBootTest(classes = {SouhraApplication.class, SecuredApplicationTest.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SecuredApplicationTest {

    static final String ADMIN_PASSWORD = "nastaveny-Klic-od-brany-7";
    static final Path DATA_DIR;

    static {
        DATA_DIR = TestApplication.newDataDir("souhra-security");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, DATA_DIR, ADMIN_PASSWORD);
        // off by default; on here, so that every security test also proves a change applies at the next request with it
        r.add("souhra.security.account-cache", () -> "PT1S");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        cz.souhra.query.TestClock testClock() {
            return new cz.souhra.query.TestClock(Instant.parse("2026-06-01T08:00:00Z"));
        }
    }

    @LocalServerPort
    int port;

    /**
     * A new connection per request, so that each test's requests stand alone. (A call on a kept-alive
     * connection used to wait for ever now and then: reactor-netty did not read the connection's next request
     * after one it had held back; see cz.souhra.infra.web.KeepAliveReads and KeepAliveConnectionTest.)
     */
    WebTestClient anonymous() {
        var connector = new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                reactor.netty.http.client.HttpClient.create(reactor.netty.resources.ConnectionProvider.newConnection()));
        return WebTestClient.bindToServer(connector).baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * A client whose connections come from another loopback address (Linux routes all of 127.0.0.0/8 to this
     * host), so the login throttle sees a second machine without trusting any forwarded header.
     */
    WebTestClient from(String localAddress) {
        var connector = new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                reactor.netty.http.client.HttpClient.create(reactor.netty.resources.ConnectionProvider.newConnection())
                        .bindAddress(() -> new java.net.InetSocketAddress(localAddress, 0)));
        return WebTestClient.bindToServer(connector).baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    WebTestClient from(String localAddress, String user, String password) {
        return from(localAddress).mutate().defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    WebTestClient as(String user, String password) {
        return anonymous().mutate().defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    WebTestClient admin() {
        return as("admin", ADMIN_PASSWORD);
    }

    /** Creates the account (and its institution) unless an earlier test of the shared context already did. */
    void ensureUser(String user, String password, String institution, String... roles) {
        int status = admin().get().uri("/api/admin/users/" + user).exchange().returnResult(Void.class).getStatus().value();
        if (status == 404) {
            if (institution != null) {
                // A user's institution must exist; tests share one store, so it may already be registered (409).
                int registered = admin().post().uri("/api/institutions").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("code", institution, "region", "LBK", "kind", "NGO", "name", "Instituce " + institution))
                        .exchange().returnResult(Void.class).getStatus().value();
                org.assertj.core.api.Assertions.assertThat(registered).as("institution " + institution).isIn(201, 409);
            }
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("user", user);
            body.put("password", password);
            body.put("institution", institution);
            body.put("roles", java.util.List.of(roles));
            admin().post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated();
        }
    }

    /**
     * Waits until the account acts in {@code region}: the regions are resolved from the directory read model,
     * which follows the institution's registration and the body's admissions a moment later.
     */
    @SuppressWarnings("unchecked")
    void awaitRegion(String user, String password, String region) {
        Instant until = Instant.now().plusSeconds(20);
        while (true) {
            Map<String, Object> me = as(user, password).get().uri("/api/me").exchange().expectStatus().isOk().expectBody(Map.class)
                    .returnResult().getResponseBody();
            if (me != null && ((java.util.List<String>) me.getOrDefault("regions", java.util.List.of())).contains(region)) {
                return;
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError(user + " does not act in " + region + ": " + me);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
