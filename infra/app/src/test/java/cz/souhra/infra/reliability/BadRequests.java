package cz.souhra.infra.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import cz.souhra.infra.reliability.SouhraHttp.Credentials;
import cz.souhra.infra.reliability.SouhraHttp.Reply;

/**
 * Malformed and fuzzed requests against every endpoint the running application publishes in its
 * OpenAPI document: broken JSON, wrong types, unknown enum values, huge fields (up to 1 MB), bad ids,
 * Unicode edge cases (lone surrogates, RTL overrides, NUL, invalid UTF-8), Mongo operator keys, wrong
 * methods, content types and headers. Every answer must be below 500 and must not show a stack trace or
 * a class name. Requests are generated from a seed, so a failing one can be replayed.
 */
public final class BadRequests {

    /** Internals that must never reach a client. */
    static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-z]+\\.|\\bjava\\.[a-z]+\\.|jakarta\\.|org\\.springframework|org\\.axonframework|com\\.mongodb|com\\.fasterxml|de\\.bwaldvogel|cz\\.souhra\\.|reactor\\.");

    /** Endpoints left out: a full rebuild per request and endless event streams say nothing about input handling. */
    static final Pattern SKIPPED = Pattern.compile(".*(/determinism|/rebuild|/updates|/audit/verify|/actuator).*");

    public record Endpoint(String method, String path, List<JsonNode> parameters, JsonNode bodySchema) {}

    /**
     * @param serverErrors answers with a 5xx status
     * @param noAnswer     requests the server never answered (connection closed or 60 s without a reply), not
     *                     counting request lines over 4 KB: the server answers those with 414 and closes the
     *                     connection without reading the rest, so the client may see only the close
     * @param retried      requests without an answer on a pooled connection, sent again on a fresh one
     * @param tooLong      requests with a request line over 4 KB, answered 414 or closed
     * @param leaks        error bodies naming a class, package or stack frame
     */
    public record Result(int sent, int serverErrors, int noAnswer, int retried, int tooLong, int leaks, int notSendable, Map<Integer, Integer> byStatus, List<String> examples) {}

    private final SouhraHttp http;
    private final JsonNode api;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Map<String, List<String>> validIds;
    private final List<Credentials> users;

    /**
     * @param validIds path parameter name → ids that exist (so requests also reach the aggregates), e.g. {@code id}
     * @param users    who sends the requests (null = anonymous)
     */
    public BadRequests(SouhraHttp http, Map<String, List<String>> validIds, List<Credentials> users) {
        this.http = http;
        this.validIds = validIds;
        this.users = users;
        Reply docs = http.get(users.get(0), "/v3/api-docs");
        for (int attempt = 0; attempt < 5 && docs.status() != 200; attempt++) {
            docs = http.get(users.get(0), "/v3/api-docs"); // generated on first use: slow on a busy machine
        }
        if (docs.status() != 200) {
            throw new IllegalStateException("no OpenAPI document: " + docs.status());
        }
        this.api = docs.json();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            if (SKIPPED.matcher(p.getKey()).matches()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                List<JsonNode> params = new ArrayList<>();
                op.getValue().path("parameters").forEach(params::add);
                JsonNode schema = op.getValue().path("requestBody").path("content").path("application/json").path("schema");
                endpoints.add(new Endpoint(op.getKey().toUpperCase(), p.getKey(), params, schema.isMissingNode() ? null : resolve(schema)));
            }
        }
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public Result run(int count, long seed, int threads) throws Exception {
        return run(count, seed, threads, java.time.Duration.ofDays(1));
    }

    /** Sends requests number 0..count-1 of the seed's sequence, or fewer if {@code max} runs out first. */
    public Result run(int count, long seed, int threads, java.time.Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger processed = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger leaks = new AtomicInteger();
        AtomicInteger noAnswer = new AtomicInteger();
        AtomicInteger tooLong = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        AtomicInteger notSendable = new AtomicInteger();
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < count && System.nanoTime() < deadline; n = next.getAndIncrement()) {
                        processed.incrementAndGet();
                        Random random = new Random(seed * 1_000_003L + n);
                        Request q = request(random);
                        Reply r = q.path.length() > 4_000
                                ? http.sendAlone(q.method, q.path, q.who, q.contentType, q.body, q.headers)
                                : http.send(q.method, q.path, q.who, q.contentType, q.body, q.headers);
                        if (r.status() == 0 && q.path.length() <= 4_000) {
                            // A pooled connection the server had closed (after another thread's refused
                            // request) fails on the client; the same request again on a fresh connection tells
                            // a lost connection from a server that does not answer.
                            retried.incrementAndGet();
                            r = http.sendAlone(q.method, q.path, q.who, q.contentType, q.body, q.headers);
                        }
                        if (r.status() == -1) {
                            notSendable.incrementAndGet();
                            continue;
                        }
                        byStatus.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                        boolean bad = false;
                        if (q.path.length() > 4_000 && (r.status() == 0 || r.status() == 414)) {
                            tooLong.incrementAndGet();
                        } else if (r.status() == 0) {
                            noAnswer.incrementAndGet();
                            bad = true;
                        } else if (r.status() >= 500) {
                            serverErrors.incrementAndGet();
                            bad = true;
                        }
                        // Successful answers may carry class names as data (the audit export's payload types).
                        if (r.status() >= 300 && r.body() != null && LEAK.matcher(r.body()).find()) {
                            leaks.incrementAndGet();
                            bad = true;
                        }
                        if (bad && examples.size() < 40) {
                            examples.add("#" + n + " " + q.method + " " + abbreviate(q.path, 200) + " [" + (q.body == null ? "" : abbreviate(new String(q.body, StandardCharsets.UTF_8), 300))
                                    + "] -> " + r.status() + " " + abbreviate(r.body(), 400));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        byStatus.forEach((k, v) -> statuses.put(k, v.get()));
        return new Result(processed.get() - notSendable.get(), serverErrors.get(), noAnswer.get(), retried.get(), tooLong.get(), leaks.get(), notSendable.get(), statuses, List.copyOf(examples));
    }

    private record Request(String method, String path, Credentials who, String contentType, byte[] body, Map<String, String> headers) {}

    /** The kinds of malformed request the systematic run makes of every route that they apply to. */
    public enum Malformation {
        WRONG_METHOD, WRONG_CONTENT_TYPE, BROKEN_JSON, WRONG_TYPES, MISSING_FIELDS, BAD_ID, BAD_PATH_SEGMENT, HUGE_BODY, BAD_ACCEPT
    }

    /**
     * @param answered  requests that got an answer, by status
     * @param byKind    requests made, by malformation
     * @param violations answers that break the error contract: a 5xx, no answer, a refusal that is not an RFC 9457 problem
     *                   with type, title, status, code and detail, or an English detail under {@code Accept-Language: cs}
     */
    public record ContractResult(int sent, Map<Integer, Integer> answered, Map<Malformation, Integer> byKind, List<String> violations) {}

    /**
     * {@code count} malformed requests generated from the route list, not at random: each route in turn gets
     * the next malformation that applies to it (a body malformation only where there is a body, a bad id only
     * where the path has one), so every route and every kind is covered. All ask in Czech.
     */
    public ContractResult systematic(int count, Credentials who, java.util.function.Predicate<String> english) {
        List<Endpoint> routes = new ArrayList<>(endpoints);
        routes.sort(java.util.Comparator.comparing((Endpoint e) -> e.path()).thenComparing(Endpoint::method));
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<Malformation, Integer> kinds = new java.util.EnumMap<>(Malformation.class);
        List<String> violations = new ArrayList<>();
        Malformation[] all = Malformation.values();
        int sent = 0;
        for (int round = 0; sent < count && round < count * all.length; round++) {
            Endpoint e = routes.get(round % routes.size());
            Malformation kind = all[(round / routes.size() + round) % all.length];
            Request q = malformed(e, kind, who, sent);
            if (q == null) {
                continue;
            }
            sent++;
            kinds.merge(kind, 1, Integer::sum);
            Reply r = http.sendAlone(q.method, q.path, q.who, q.contentType, q.body, q.headers);
            statuses.merge(r.status(), 1, Integer::sum);
            String problem = contractViolation(r, english);
            if (problem != null) {
                violations.add(kind + " " + q.method + " " + abbreviate(q.path, 120) + " [" + (q.body == null ? "" : abbreviate(new String(q.body, StandardCharsets.UTF_8), 160))
                        + "] -> " + r.status() + ": " + problem + " " + abbreviate(r.body(), 300));
            }
        }
        return new ContractResult(sent, statuses, kinds, violations);
    }

    private Request malformed(Endpoint e, Malformation kind, Credentials who, int n) {
        boolean hasBody = e.bodySchema() != null;
        boolean hasId = e.path().contains("{");
        Map<String, String> czech = new LinkedHashMap<>();
        czech.put("Accept-Language", "cs");
        String valid = hasBody ? plausible(e.bodySchema(), 0) : null;
        String path = pathWith(e.path(), null);
        return switch (kind) {
            case WRONG_METHOD -> new Request(e.method().equals("GET") ? "DELETE" : (n % 2 == 0 ? "PUT" : "PATCH"), path, who, "application/json",
                    e.method().equals("GET") ? null : bytes(valid == null ? "{}" : valid), czech);
            case WRONG_CONTENT_TYPE -> hasBody ? new Request(e.method(), path, who, n % 2 == 0 ? "text/plain" : "application/xml", bytes(valid), czech) : null;
            case BROKEN_JSON -> hasBody ? new Request(e.method(), path, who, "application/json",
                    bytes(n % 3 == 0 ? valid.substring(0, Math.max(1, valid.length() / 2)) : n % 3 == 1 ? valid + "}" : "{\"a\" 1}"), czech) : null;
            case WRONG_TYPES -> hasBody ? new Request(e.method(), path, who, "application/json", bytes(wrongTypes(e.bodySchema(), n)), czech) : null;
            case MISSING_FIELDS -> hasBody ? new Request(e.method(), path, who, "application/json", bytes(n % 2 == 0 ? "{}" : "null"), czech) : null;
            case BAD_ID -> hasId ? new Request(e.method(), pathWith(e.path(), pick(new Random(n), "not-a-uuid", "00000000-0000-0000-0000-000000000000",
                    "%24where", "a.b", "x".repeat(300), "%E2%80%AEabc", "-1")), who, hasBody ? "application/json" : null, hasBody ? bytes(valid) : null, czech)
                    : query(e) != null ? new Request(e.method(), path + "?" + query(e), who, null, hasBody ? bytes(valid) : null, czech) : null;
            case BAD_PATH_SEGMENT -> new Request(e.method(), insertSegment(path, pick(new Random(n), "..%2F..%2Fadmin", "%2e%2e", "a%00b", "%2F", "a;b=c", "%5C..%5C")),
                    who, hasBody ? "application/json" : null, hasBody ? bytes(valid) : null, czech);
            case HUGE_BODY -> hasBody ? new Request(e.method(), path, who, "application/json",
                    bytes("{\"x\":\"" + "a".repeat(n % 3 == 0 ? 10 * 1024 * 1024 : 300 * 1024) + "\"}"), czech) : null;
            case BAD_ACCEPT -> {
                Map<String, String> h = new LinkedHashMap<>(czech);
                h.put("Accept", pick(new Random(n), "application/pdf", "image/png", "garbage", "application/xml"));
                yield new Request(e.method(), path, who, hasBody ? "application/json" : null, hasBody ? bytes(valid) : null, h);
            }
        };
    }

    /** The path with every parameter replaced by {@code value}, or by a known id of that name when null. */
    private String pathWith(String template, String value) {
        StringBuilder path = new StringBuilder();
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append('/');
            if (segment.startsWith("{")) {
                List<String> known = validIds.getOrDefault(segment.substring(1, segment.length() - 1), List.of());
                path.append(value != null ? value : known.isEmpty() ? "00000000-0000-4000-8000-000000000001" : known.get(0));
            } else {
                path.append(segment);
            }
        }
        return path.toString();
    }

    private static String insertSegment(String path, String segment) {
        int cut = path.indexOf('/', 5);
        return cut < 0 ? path + "/" + segment : path.substring(0, cut) + "/" + segment + path.substring(cut);
    }

    /** A query parameter of the route with a value of the wrong kind, or null when it has none. */
    private String query(Endpoint e) {
        for (JsonNode p : e.parameters()) {
            if (p.path("in").asText().equals("query")) {
                JsonNode schema = resolve(p.path("schema"));
                String type = schema.path("type").asText("string");
                String bad = type.equals("integer") || type.equals("number") ? "lots" : schema.path("format").asText("").startsWith("date") ? "2026-02-30"
                        : schema.has("enum") ? "NOPE" : "%00";
                return p.path("name").asText() + "=" + bad;
            }
        }
        return null;
    }

    /** A body of the schema's shape with plausible values (the valid base the malformations start from). */
    private String plausible(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return json(schema.path("enum").get(0).asText());
        }
        String type = schema.path("type").asText("object");
        return switch (type) {
            case "object" -> {
                StringBuilder sb = new StringBuilder("{");
                Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
                while (props.hasNext() && depth < 4) {
                    Map.Entry<String, JsonNode> p = props.next();
                    sb.append(sb.length() == 1 ? "" : ",").append(json(p.getKey())).append(':').append(plausible(p.getValue(), depth + 1));
                }
                yield sb.append('}').toString();
            }
            case "array" -> "[" + (depth < 4 ? plausible(schema.path("items"), depth + 1) : "") + "]";
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            default -> {
                String format = schema.path("format").asText("");
                yield json(format.equals("date") ? "2026-04-15" : format.equals("date-time") ? "2026-03-10T09:00:00Z" : "Zkouška");
            }
        };
    }

    /** The schema's body with each field given a value of another JSON type (or a date that does not exist). */
    private String wrongTypes(JsonNode schema, int n) {
        schema = resolve(schema);
        StringBuilder sb = new StringBuilder("{");
        Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
        int i = 0;
        while (props.hasNext()) {
            Map.Entry<String, JsonNode> p = props.next();
            JsonNode f = resolve(p.getValue());
            String type = f.path("type").asText("object");
            String wrong = switch (type) {
                case "integer", "number" -> "\"lots\"";
                case "boolean" -> "\"maybe\"";
                case "array" -> "\"x\"";
                case "object" -> "[1]";
                default -> f.has("enum") ? "\"NOPE\"" : f.path("format").asText("").equals("date") ? "\"2026-02-30\""
                        : f.path("format").asText("").equals("date-time") ? "\"2026-03-10T25:00:00Z\"" : ((n + i) % 2 == 0 ? "{\"a\":1}" : "[1,2]");
            };
            sb.append(i++ == 0 ? "" : ",").append(json(p.getKey())).append(':').append(wrong);
        }
        return sb.append('}').toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Null when the answer keeps the error contract, else what is wrong with it. */
    static String contractViolation(Reply r, java.util.function.Predicate<String> english) {
        if (r.status() <= 0) {
            return "no answer";
        }
        if (r.status() >= 500) {
            return "server error";
        }
        if (r.status() < 400) {
            return null;
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "content type " + type;
        }
        JsonNode p;
        try {
            p = SouhraHttp.JSON.readTree(r.body());
        } catch (Exception e) {
            return "body is not JSON";
        }
        for (String field : List.of("type", "title", "status", "code", "detail")) {
            if (!p.hasNonNull(field) || p.path(field).asText().isBlank()) {
                return "no " + field;
            }
        }
        if (p.path("status").asInt() != r.status()) {
            return "status " + p.path("status").asInt() + " in the body";
        }
        if (english.test(p.path("detail").asText())) {
            return "English detail under Accept-Language: cs";
        }
        return null;
    }

    private Request request(Random random) {
        Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
        String method = random.nextInt(40) == 0 ? pick(random, "PUT", "DELETE", "PATCH", "POST", "GET") : e.method();
        StringBuilder path = new StringBuilder();
        for (String segment : e.path().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append('/');
            if (segment.startsWith("{")) {
                String name = segment.substring(1, segment.length() - 1);
                List<String> valid = validIds.getOrDefault(name, List.of());
                path.append(!valid.isEmpty() && random.nextInt(3) > 0 ? valid.get(random.nextInt(valid.size())) : badPathValue(random));
            } else {
                path.append(segment);
            }
        }
        List<String> query = new ArrayList<>();
        for (JsonNode p : e.parameters()) {
            if (p.path("in").asText().equals("query") && random.nextInt(3) == 0) {
                query.add(p.path("name").asText() + "=" + encode(inUrl(random.nextBoolean() ? validish(random, resolve(p.path("schema")), 0) : badString(random))));
            }
        }
        if (random.nextInt(20) == 0) {
            query.add(encode(inUrl(badString(random))) + "=" + encode(inUrl(badString(random))));
        }
        if (!query.isEmpty()) {
            String q = String.join("&", query);
            path.append('?').append(q.length() > 8_000 ? q.substring(0, 8_000).replaceAll("%[0-9A-F]?$", "") : q);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextInt(4) == 0) {
            headers.put("If-Match", pick(random, "\"abc\"", "99999999999999999999", "W/\"-1\"", "\"\"", "*", "\"1\", \"2\"", "\"-5\"", "\u00e9\u00e9"));
        }
        if (random.nextInt(6) == 0) {
            headers.put("Accept-Language", pick(random, "xx;q=abc", "*", "en", "cs-CZ,cs;q=0.9", "he", ";;;", "en;q=2"));
        }
        if (random.nextInt(10) == 0) {
            headers.put("Accept", pick(random, "application/xml", "text/event-stream", "*/*", "text/csv", "application/pdf", "garbage"));
        }
        String contentType = "application/json";
        if (random.nextInt(15) == 0) {
            contentType = pick(random, "text/plain", "application/xml", "application/json; charset=ISO-8859-2", "multipart/form-data", "application/x-www-form-urlencoded", "", "application/json; charset=nonsense");
            if (contentType.isEmpty()) {
                contentType = null;
            }
        }
        byte[] body = null;
        if (!method.equals("GET") && !method.equals("DELETE")) {
            body = body(random, e.bodySchema());
        }
        Credentials who = users.get(random.nextInt(users.size()));
        return new Request(method, path.toString(), who, contentType, body, headers);
    }

    private byte[] body(Random random, JsonNode schema) {
        int kind = random.nextInt(12);
        if (schema == null || kind == 0) {
            return pick(random, "", "{}", "[]", "null", "\"x\"", "{\"a\":", "\u0000", "{\"$where\":\"sleep(1000)\"}").getBytes(StandardCharsets.UTF_8);
        }
        String valid = validish(random, schema, 0);
        return switch (kind) {
            case 1 -> valid.substring(0, random.nextInt(Math.max(1, valid.length()))).getBytes(StandardCharsets.UTF_8); // truncated
            case 2 -> (valid + pick(random, "}", "]", ",", "garbage", "{}")).getBytes(StandardCharsets.UTF_8);
            case 3 -> ("{" + "\"a\":[".repeat(random.nextInt(5000)) + "1").getBytes(StandardCharsets.UTF_8); // deep nesting
            case 4 -> invalidUtf8(valid);
            case 5 -> ("\uFEFF" + valid).getBytes(StandardCharsets.UTF_8);
            default -> valid.getBytes(StandardCharsets.UTF_8); // near-valid values of every field, mutated per field
        };
    }

    /** A value of the schema's shape, each part replaced by a wrong one now and then. */
    private String validish(Random random, JsonNode schema, int depth) {
        if (random.nextInt(6) == 0 || depth > 4) {
            return wrongValue(random);
        }
        schema = resolve(schema);
        String type = schema.path("type").asText("object");
        if (schema.has("enum")) {
            return random.nextInt(3) == 0 ? json(badString(random)) : json(schema.path("enum").get(random.nextInt(schema.path("enum").size())).asText());
        }
        return switch (type) {
            case "object" -> {
                StringBuilder sb = new StringBuilder("{");
                Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
                boolean first = true;
                while (props.hasNext()) {
                    Map.Entry<String, JsonNode> p = props.next();
                    if (random.nextInt(8) == 0) {
                        continue; // missing field
                    }
                    sb.append(first ? "" : ",").append(json(p.getKey())).append(':').append(validish(random, p.getValue(), depth + 1));
                    first = false;
                }
                if (random.nextInt(8) == 0) {
                    sb.append(first ? "" : ",").append(json(pick(random, "$set", "a.b", "$gt", "_id", "__proto__", "\u0000", "class"))).append(':').append(wrongValue(random));
                }
                yield sb.append('}').toString();
            }
            case "array" -> {
                StringBuilder sb = new StringBuilder("[");
                if (random.nextInt(20) == 0) {
                    // a long list of short values: long lists of huge values ran the client out of memory
                    String item = json(goodString(random));
                    for (int i = 0; i < 5000; i++) {
                        sb.append(i == 0 ? "" : ",").append(item);
                    }
                    yield sb.append(']').toString();
                }
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append(validish(random, schema.path("items"), depth + 1));
                }
                yield sb.append(']').toString();
            }
            case "integer", "number" -> pick(random, "0", "1", "40", "100", "-1", "101", "2147483648", "99999999999999999999999", "1e309", "-0", "1.5", "0x10");
            case "boolean" -> pick(random, "true", "false");
            default -> {
                String format = schema.path("format").asText("");
                if (format.equals("date") && random.nextBoolean()) {
                    yield json(pick(random, "2026-04-15", "2026-13-45", "+999999999-12-31", "0000-00-00", "2026-02-30", "-1"));
                }
                if (format.equals("date-time") && random.nextBoolean()) {
                    yield json(pick(random, "2026-03-10T09:00:00Z", "2026-03-10T25:00:00Z", "+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "2026-03-10"));
                }
                yield json(random.nextBoolean() ? goodString(random) : badString(random));
            }
        };
    }

    private List<String> allValidIds() {
        List<String> all = new ArrayList<>();
        validIds.values().forEach(all::addAll);
        return all;
    }

    private String goodString(Random random) {
        List<String> ids = allValidIds();
        return random.nextBoolean() && !ids.isEmpty() ? ids.get(random.nextInt(ids.size()))
                : pick(random, "LBK", "UPLB", "KULK", "Zápis z jednání", "Liberec-Doubí", "quarterly", "tajemnice", "MEMBER");
    }

    static String badString(Random random) {
        return switch (random.nextInt(22)) {
            case 0 -> "";
            case 1 -> " \t\n";
            case 2 -> "\uD800"; // lone high surrogate
            case 3 -> "\uDFFFx\uD83D"; // reversed pair
            case 4 -> "\u202Eevil\u202C \u05E9\u05DC\u05D5\u05DD \u0627\u0644\u0633\u0644\u0627\u0645"; // RTL override, Hebrew, Arabic
            case 5 -> "a\u0000b";
            case 6 -> "x".repeat(1 << 20); // 1 MB
            case 7 -> "ž".repeat(70_000);
            case 8 -> "e\u0301\u0301\u0301\u0301 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uFFFF \uFFFE";
            case 9 -> "../../../etc/passwd";
            case 10 -> "{\"$gt\":\"\"}";
            case 11 -> "$where";
            case 12 -> "a.b.c";
            case 13 -> "${jndi:ldap://127.0.0.1/a}";
            case 14 -> "' OR '1'='1";
            case 15 -> "<script>alert(1)</script>";
            case 16 -> "00000000-0000-0000-0000-000000000000";
            case 17 -> "NOT_AN_ENUM";
            case 18 -> "%00%ff";
            case 19 -> "\r\nX-Injected: 1";
            case 20 -> "9".repeat(400);
            default -> "null";
        };
    }

    private static String wrongValue(Random random) {
        return pick(random, "null", "true", "17", "-3.5e400", "[]", "{}", "[1,\"a\",null]", "{\"$ne\":null}", "\"\"", json(badString(random)));
    }

    private static String badPathValue(Random random) {
        return pick(random, "not-a-uuid", "00000000-0000-0000-0000-000000000000", "x".repeat(6_000), "%00", "%C0%AE%C0%AE", "..%2F..%2Fetc",
                "%E2%80%AEabc", "%ED%A0%80", "%FF%FE", "%20", "%24where", "a.b", "%F0%9F%98%80", "1e309", "-1", "null", "%7B%7D", "UPLB",
                "%E2%80%8B", "a%0Ab");
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        sb.append(String.format("\\u%04x", (int) c)); // lone surrogates travel as JSON escapes
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Values in a URL are cut at 16 KB: the server refuses request lines over 4 KB with 414 before reading
     * them, and closes the connection while a client is still sending a longer one, which the client
     * sees as no answer at all. Long values travel in bodies instead.
     */
    private static String inUrl(String s) {
        return s.length() > 16_384 ? s.substring(0, 16_384) : s;
    }

    private static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    private static byte[] invalidUtf8(String valid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] v = valid.getBytes(StandardCharsets.UTF_8);
        int cut = v.length / 2;
        out.write(v, 0, cut);
        out.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF, (byte) 0xC0, (byte) 0xAE, 0});
        out.write(v, cut, v.length - cut);
        return out.toByteArray();
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return api.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    private static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() > max ? s.substring(0, max) + "…(" + s.length() + ")" : s;
    }
}
