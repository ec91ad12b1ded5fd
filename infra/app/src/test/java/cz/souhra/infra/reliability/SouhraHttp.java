package cz.souhra.infra.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A plain HTTP client of a running Souhra (in this JVM or another process), used by the reliability
 * tests and by the reliability runs in bench/: it sends exactly the bytes it is given, so malformed
 * requests reach the server as they are.
 */
public final class SouhraHttp {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** The answer; {@code status} 0 means no answer at all (connection refused, reset or timed out). */
    public record Reply(int status, String body, HttpHeaders headers, long millis) {
        public boolean serverError() {
            return status >= 500 || status == 0;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        public String id() {
            return json().path("id").asText();
        }
    }

    public record Credentials(String user, String password) {
        String header() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpClient http;
    private final String base;
    private final Duration timeout;

    public SouhraHttp(String base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public SouhraHttp(int port) {
        this("http://127.0.0.1:" + port, Duration.ofSeconds(60));
    }

    public String base() {
        return base;
    }

    public Reply post(Credentials who, String path, String json) {
        return send("POST", path, who, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Reply post(Credentials who, String path, String json, Map<String, String> headers) {
        return send("POST", path, who, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    public Reply get(Credentials who, String path) {
        return send("GET", path, who, null, null, Map.of());
    }

    /** Sends the request as given; a path that is not a valid URI is answered with status -1 (never sent). */
    public Reply send(String method, String path, Credentials who, String contentType, byte[] body, Map<String, String> headers) {
        return send(http, method, path, who, contentType, body, headers);
    }

    /**
     * Sends the request on a connection of its own. The server refuses a request line over 4 KB with 414
     * and drops the connection without reading the rest; on a pooled connection the requests of other
     * threads queued behind it would then go unanswered, which is the client's doing, not the server's.
     */
    public Reply sendAlone(String method, String path, Credentials who, String contentType, byte[] body, Map<String, String> headers) {
        // Java 17's client cannot be closed; an unreferenced one ends its selector thread by itself.
        HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        return send(own, method, path, who, contentType, body, headers);
    }

    private Reply send(HttpClient http, String method, String path, Credentials who, String contentType, byte[] body, Map<String, String> headers) {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            return new Reply(-1, "", HttpHeaders.of(Map.of(), (a, b) -> true), 0);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (who != null) {
            b.header("Authorization", who.header());
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        long started = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers(), (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            return new Reply(0, e.toString(), HttpHeaders.of(Map.of(), (x, y) -> true), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Waits (polling) until the application answers its health endpoint, at most {@code max}. */
    public void awaitUp(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (get(null, "/actuator/health").status() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Souhra at " + base + " did not come up within " + max);
    }
}
