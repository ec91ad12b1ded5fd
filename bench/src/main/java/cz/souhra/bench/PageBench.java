package cz.souhra.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import cz.souhra.infra.security.UserStore;
import cz.souhra.query.rebuild.RebuildService;
import cz.souhra.shared.queries.DirectoryQueries;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.InstitutionPage;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;

/**
 * {@code pages [--events=N] [--samples=S]}: a page of the web UI on a large store against the read-model
 * queries that page makes, asked in the same JVM without HTTP, security or rendering. The page is a
 * measure with its history (20 events), read by the owner institution's member logged in through the
 * login form; the store holds an archive of N events (default 200,000) folded by a rebuild. Page and
 * queries are timed in alternating rounds, one client, after 30 unmeasured rounds.
 */
final class PageBench {

    private PageBench() {}

    static void run(String[] args) throws Exception {
        int events = Bench.option(args, "events", 200_000);
        int samples = Bench.option(args, "samples", 300);
        Souhra app = Souhra.start(Files.createTempDirectory("souhra-pages"));
        try {
            Fixture fx = Fixture.create(app);
            long t0 = System.nanoTime();
            Preloader.fromRealMeasure(app, fx).fillHistoric(events);
            System.out.printf("archive to %d events in %.1f s%n", app.events().countDocuments(), (System.nanoTime() - t0) / 1e9);
            RebuildService.Report rebuilt = app.context.getBean(RebuildService.class).rebuild("all", p -> { });
            System.out.printf("rebuild: %d events in %.1f s%n", rebuilt.events(), rebuilt.millis() / 1000.0);
            // the measure read: adopted and reported on 19 times through the API after the rebuild
            String measure = fx.adopt(1).get(0);
            for (int i = 1; i <= 19; i++) {
                fx.progress(measure, i).expect(202);
            }
            int port = Integer.parseInt(app.context.getEnvironment().getProperty("local.server.port"));
            Browser browser = Browser.login(port, "uprace", Fixture.OWNER_PASSWORD);
            QueryGateway queries = app.context.getBean(QueryGateway.class);
            UserStore users = app.context.getBean(UserStore.class);
            // wait until the last report is projected, so page and queries read the same record
            for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < end; Thread.sleep(50)) {
                if (queries.query(new MeasureQueries.FindMeasure(measure, null), MeasureView.class).join().version() >= 19) {
                    break;
                }
            }

            Latencies page = new Latencies();
            Latencies direct = new Latencies();
            for (int i = 0; i < samples + 30; i++) {
                long t = System.nanoTime();
                String html = browser.get("/measures/" + measure);
                double pageMs = (System.nanoTime() - t) / 1e6;
                if (!html.contains("id=\"history\"")) {
                    throw new IllegalStateException("not the measure page: " + html.substring(0, Math.min(300, html.length())));
                }
                t = System.nanoTime();
                // what MeasurePages asks for this page: the measure, its history, the institutions' names, the people
                queries.query(new MeasureQueries.FindMeasure(measure, null), MeasureView.class).join();
                List<HistoryEntry> history = queries.query(new MeasureQueries.MeasureHistory(measure), ResponseTypes.multipleInstancesOf(HistoryEntry.class)).join();
                queries.query(new DirectoryQueries.ListInstitutions(null, null, null, null, 0, 1000, null), InstitutionPage.class).join();
                users.all();
                double directMs = (System.nanoTime() - t) / 1e6;
                if (history.size() < 20) {
                    throw new IllegalStateException("history of " + history.size() + " entries");
                }
                if (i >= 30) {
                    page.add(pageMs);
                    direct.add(directMs);
                }
            }
            System.out.println();
            System.out.println("| figure | Souhra | baseline (same run) | ratio / goal |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| page: GET /measures/{id} as HTML (logged in, history of 20 entries), 1 client, %,d events stored | p50 %.1f ms, p95 %.1f ms "
                            + "| the same read-model queries in process (no HTTP, security or rendering): p50 %.1f ms, p95 %.1f ms "
                            + "| %.2f× p95; goal p95 < 150 ms |%n",
                    app.events().countDocuments(), page.p(50), page.p(95), direct.p(50), direct.p(95), page.p(95) / direct.p(95));
        } finally {
            app.close();
        }
    }

    /** A browser's session: logs in through the form (with its CSRF token) and keeps the session cookie. */
    record Browser(HttpClient client, String base) {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

        static Browser login(int port, String user, String password) throws Exception {
            // The session cookie is Secure by default; the JDK's CookieManager would not send it over plain http to localhost.
            CookieManager cookies = new CookieManager() {
                @Override
                public java.util.Map<String, List<String>> get(URI uri, java.util.Map<String, List<String>> headers) {
                    List<String> all = getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).toList();
                    return all.isEmpty() ? java.util.Map.of() : java.util.Map.of("Cookie", List.of(String.join("; ", all)));
                }
            };
            HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
            Browser b = new Browser(client, "http://localhost:" + port);
            Matcher m = CSRF.matcher(b.get("/login"));
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on the login page");
            }
            String token = m.group(1) != null ? m.group(1) : m.group(2);
            String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token);
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(b.base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String to = r.headers().firstValue("Location").orElse("");
            if (r.statusCode() / 100 != 3 || to.contains("error")) {
                throw new IllegalStateException("login refused: " + r.statusCode() + " " + to);
            }
            return b;
        }

        String get(String path) throws Exception {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + r.statusCode());
            }
            return r.body();
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
