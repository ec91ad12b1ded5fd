package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Every request on a kept-alive HTTP/1.1 connection is answered or the connection is closed; none is left
 * waiting. Browsers and the Java and .NET clients send a request without credentials first, read the 401
 * and send the same request with them on the same connection: before the fix (see
 * {@code cz.souhra.infra.web.KeepAliveReads}) 1 in 4-10 of those second requests was never read.
 */
class KeepAliveConnectionTest extends SecuredApplicationTest {

    /** Far above any answer here (milliseconds), far below the 10 s a lost request waited for its client's timeout. */
    static final int READ_TIMEOUT_MILLIS = 5_000;

    @Autowired
    MongoTemplate mongo;

    private String adminAuth() {
        return RawHttpConnection.basic("admin", ADMIN_PASSWORD);
    }

    @Test
    void given_500_anonymous_then_authenticated_pairs_on_one_kept_alive_connection_then_all_1000_are_answered_401_then_200() throws Exception {
        int answered = 0;
        try (RawHttpConnection c = new RawHttpConnection(port, READ_TIMEOUT_MILLIS)) {
            for (int i = 0; i < 500; i++) {
                c.send(RawHttpConnection.get("/api/oparl/v1/body", null));
                RawHttpConnection.Response challenge = c.read();
                assertThat(challenge.status()).as("pair " + i + ", anonymous").isEqualTo(401);
                assertThat(challenge.header("WWW-Authenticate")).startsWith("Basic");
                answered++;
                // the cheapest authenticated read: the answer's path (password check on a worker thread) is what matters
                c.send(RawHttpConnection.get("/api/me", adminAuth()));
                assertThat(c.read().status()).as("pair " + i + ", authenticated").isEqualTo(200);
                answered++;
            }
        }
        assertThat(answered).isEqualTo(1000);
    }

    @Test
    void given_twenty_requests_written_at_once_on_one_connection_then_twenty_answers_in_order() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            all.append(RawHttpConnection.get("/api/oparl/v1/body", null)).append(RawHttpConnection.get("/api/institutions", adminAuth()));
        }
        List<Integer> statuses = new ArrayList<>();
        try (RawHttpConnection c = new RawHttpConnection(port, READ_TIMEOUT_MILLIS)) {
            c.send(all.toString());
            for (int i = 0; i < 20; i++) {
                statuses.add(c.read().status());
            }
            // and the connection still serves the next request
            c.send(RawHttpConnection.get("/api/institutions", adminAuth()));
            assertThat(c.read().status()).isEqualTo(200);
        }
        assertThat(statuses).containsExactly(401, 200, 401, 200, 401, 200, 401, 200, 401, 200, 401, 200, 401, 200, 401, 200, 401, 200, 401, 200);
    }

    @Test
    void given_a_client_that_aborts_within_a_command_body_then_nothing_is_recorded_and_the_server_answers_the_next_client() throws Exception {
        String body = "{\"code\":\"KAAB\",\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"Přerušená\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long before = settledEventCount();
        try (RawHttpConnection c = new RawHttpConnection(port, READ_TIMEOUT_MILLIS)) {
            c.send(RawHttpConnection.postHead("/api/institutions", adminAuth(), bytes.length));
            c.send(body.substring(0, 30));
        } // closed with half the body sent
        try (RawHttpConnection c = new RawHttpConnection(port, READ_TIMEOUT_MILLIS)) {
            c.send(RawHttpConnection.get("/api/institutions", adminAuth()));
            RawHttpConnection.Response list = c.read();
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body()).doesNotContain("KAAB");
        }
        assertThat(settledEventCount()).as("events after the aborted command").isEqualTo(before);
    }

    @Test
    void given_expect_100_continue_then_an_authenticated_command_is_told_to_continue_and_recorded_and_an_anonymous_one_is_refused_without_waiting()
            throws Exception {
        String body = "{\"code\":\"KA100\",\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"Pokračuj\"}";
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        try (RawHttpConnection c = new RawHttpConnection(port, READ_TIMEOUT_MILLIS)) {
            c.send(RawHttpConnection.postHead("/api/institutions", adminAuth(), length, "Expect: 100-continue"));
            assertThat(c.read().status()).isEqualTo(100);
            c.send(body);
            RawHttpConnection.Response created = c.read();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        try (RawHttpConnection c = new RawHttpConnection(port, READ_TIMEOUT_MILLIS)) {
            c.send(RawHttpConnection.postHead("/api/institutions", null, length, "Expect: 100-continue"));
            // refused before the body: the client never has to send it
            assertThat(c.read().status()).isEqualTo(401);
            // the body the client did not send is not awaited: the connection is closed or serves the next request
            c.send(RawHttpConnection.get("/api/institutions", adminAuth()));
            if (!c.closedByServer()) {
                assertThat(c.read().status()).isEqualTo(200);
            }
        } catch (java.net.SocketException closedMeanwhile) {
            // closed by the server after the 401: also an answer
        }
        // the list is a read model, which follows the events within moments
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (RawHttpConnection c = new RawHttpConnection(port, READ_TIMEOUT_MILLIS)) {
                c.send(RawHttpConnection.get("/api/institutions", adminAuth()));
                assertThat(c.read().body()).contains("KA100");
            }
        });
    }

    @Test
    void given_a_slow_client_sending_one_byte_per_100_ms_then_its_request_and_its_command_body_are_answered_and_recorded_once() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(port, READ_TIMEOUT_MILLIS)) {
            c.sendSlowly("GET /api/me HTTP/1.1\r\n\r\n", 100);
            assertThat(c.read().status()).isEqualTo(401);
        }
        String body = "{\"code\":\"KASL\",\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"S\"}";
        long before = settledEventCount();
        try (RawHttpConnection c = new RawHttpConnection(port, READ_TIMEOUT_MILLIS)) {
            c.send(RawHttpConnection.postHead("/api/institutions", adminAuth(), body.getBytes(StandardCharsets.UTF_8).length));
            c.sendSlowly(body, 100);
            RawHttpConnection.Response created = c.read();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        assertThat(settledEventCount()).isEqualTo(before + 1);
    }

    /** Waits until work started by earlier requests has landed. */
    private long settledEventCount() {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long now = mongo.getCollection("domainevents").countDocuments();
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        });
        return last[0];
    }
}
