package cz.souhra.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A thin HTTP/1.1 client with HTTP Basic credentials, as a script against the API would use it. */
final class PerfHttp {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(16, r -> {
                Thread t = new Thread(r, "perf-http");
                t.setDaemon(true);
                return t;
            })).build();
    private final String base;

    PerfHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    record Response(int status, String body) {
        String id() {
            Matcher m = ID.matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no id in " + body);
            }
            return m.group(1);
        }

        Response expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    private HttpRequest.Builder request(String auth, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("Authorization", auth);
    }

    private HttpRequest postRequest(String auth, String path, String json) {
        return request(auth, path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    Response post(String auth, String path, String json) {
        return send(postRequest(auth, path, json));
    }

    Response get(String auth, String path) {
        return send(request(auth, path).GET().build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<Response> postAsync(String auth, String path, String json) {
        return client.sendAsync(postRequest(auth, path, json), HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Response(r.statusCode(), r.body()));
    }
}
