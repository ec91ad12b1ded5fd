package cz.souhra.infra.security;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the refusal tests need of the store: how many events it holds, and commands sent to set the scene. */
final class StoredEvents {

    private StoredEvents() {
    }

    static long count(MongoTemplate mongo) {
        return mongo.getCollection("domainevents").countDocuments();
    }

    /** The count once work started by earlier requests (e.g. the ledger's checkpoint after a close) has landed. */
    static long settled(MongoTemplate mongo) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long now = count(mongo);
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        });
        return last[0];
    }

    /** Sends a command expected to answer {@code status}; the id of what it created, if any. */
    @SuppressWarnings("unchecked")
    static String post(WebTestClient client, String path, String json, int status) {
        Map<String, Object> response = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
        return response == null ? null : String.valueOf(response.get("id"));
    }
}
