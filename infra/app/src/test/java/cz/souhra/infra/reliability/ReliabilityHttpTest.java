package cz.souhra.infra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;
import cz.souhra.infra.reliability.SouhraHttp.Credentials;

/**
 * Small versions of reliability runs of bench/ (RelRaceBench, RelFuzzBench, RelTwoProcessBench), on the
 * embedded durable store over real HTTP: owners racing on the same measures with If-Match versions lose
 * no acknowledged report; malformed or fuzzed requests on every published endpoint are answered below
 * 500 without internals; a read model's segment can be handed over to another process.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReliabilityHttpTest {

    static final Credentials ADMIN = new Credentials("admin", "zluty-kocour-na-plote-7");
    static Path dataDir;

    static {
        dataDir = TestApplication.newDataDir("souhra-rel");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, dataDir, ADMIN.password());
        r.add("souhra.processors.release-for", () -> "PT3S");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    SouhraHttp http;
    Seed.Region region;

    @BeforeAll
    void seed() {
        http = new SouhraHttp(port);
        region = Seed.region(http, ADMIN, 10);
    }

    @Test
    void given_eight_owners_racing_on_ten_measures_with_if_match_when_retrying_on_409_then_no_acknowledged_report_is_lost_and_no_5xx() throws Exception {
        ProgressRace.Result r = ProgressRace.run(http, Seed.OWNER, region.measures(), 8, 5, 42);

        assertThat(r.problems()).isEmpty();
        assertThat(r.serverErrors()).isZero();
        assertThat(r.otherRefusals()).isZero();
        assertThat(r.acknowledged()).isEqualTo(8 * 5);
        assertThat(r.lostUpdates()).isZero();
        assertThat(r.unacknowledged()).isZero();
    }

    @Test
    void given_projections_following_commands_when_threads_are_listed_then_processors_and_checkpoints_run_low_and_no_request_thread_does() throws Exception {
        ProgressRace.Result r = ProgressRace.run(http, Seed.OWNER, region.measures(), 2, 3, 7);
        assertThat(r.serverErrors()).isZero();

        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        assertThat(threads).filteredOn(t -> t.getName().startsWith("EventProcessor[") && t.getPriority() == Thread.MIN_PRIORITY)
                .as("tracking processors' workers").isNotEmpty();
        assertThat(threads).filteredOn(t -> t.getName().equals("souhra-store-checkpoint"))
                .isNotEmpty().allMatch(t -> t.getPriority() == Thread.MIN_PRIORITY);
        // a thread inherits its creator's priority: a request thread started by a processor would stay low
        assertThat(threads).filteredOn(t -> t.getName().startsWith("boundedElastic-") || t.getName().startsWith("reactor-http-")
                        || t.getName().startsWith("mongo-server-"))
                .as("threads that serve requests").isNotEmpty().allMatch(t -> t.getPriority() == Thread.NORM_PRIORITY);
    }

    @Test
    void given_malformed_and_fuzzed_requests_on_every_endpoint_then_no_5xx_and_no_internals_in_any_body() throws Exception {
        Map<String, List<String>> ids = Map.of(
                "id", ids(region.body(), region.meeting(), region.issue(), region.measures().get(0), "UPLB"),
                "itemId", List.of(),
                "resolutionId", List.of(region.resolution()),
                "inst", List.of("UPLB", "KULK"),
                "institution", List.of("UPLB"));
        // Bad input is refused at once; a request without an answer in 20 s is retried on a fresh connection.
        SouhraHttp impatient = new SouhraHttp("http://127.0.0.1:" + port, java.time.Duration.ofSeconds(20));
        BadRequests fuzz = new BadRequests(impatient, ids, List.of(ADMIN, ADMIN, Seed.SECRETARY, Seed.OWNER));
        assertThat(fuzz.endpoints()).hasSizeGreaterThan(40);
        long eventsBefore = mongo.getCollection("domainevents").countDocuments();

        BadRequests.Result r = fuzz.run(300, 7, 2);

        assertThat(r.examples()).isEmpty();
        assertThat(r.serverErrors()).isZero();
        assertThat(r.noAnswer()).isZero();
        assertThat(r.leaks()).isZero();
        assertThat(r.byStatus().keySet()).as("mostly refused, by a problem status").anyMatch(s -> s >= 400 && s < 500);
        assertThat(mongo.getCollection("domainevents").countDocuments()).isGreaterThanOrEqualTo(eventsBefore);
    }

    @Test
    void given_300_malformed_requests_generated_from_the_route_list_in_czech_then_no_5xx_every_refusal_a_problem_and_no_english_detail() throws Exception {
        Map<String, List<String>> ids = Map.of(
                "id", ids(region.body(), region.meeting(), region.issue(), region.measures().get(0), "UPLB"),
                "resolutionId", List.of(region.resolution()),
                "inst", List.of("UPLB", "KULK"),
                "institution", List.of("UPLB"));
        BadRequests routes = new BadRequests(new SouhraHttp("http://127.0.0.1:" + port, java.time.Duration.ofSeconds(20)), ids, List.of(ADMIN));

        BadRequests.ContractResult r = routes.systematic(300, ADMIN, cz.souhra.infra.web.ErrorBundles::isEnglish);

        assertThat(r.violations()).isEmpty();
        assertThat(r.sent()).isEqualTo(300);
        assertThat(r.byKind().keySet()).as("every kind of malformation made").containsExactlyInAnyOrder(BadRequests.Malformation.values());
        assertThat(r.answered().keySet()).as("statuses answered").contains(400, 405, 406, 413, 415).allMatch(s -> s < 500);
    }

    @Test
    void given_an_id_of_a_cached_aggregate_of_another_type_when_a_command_names_it_then_refused_as_unknown_not_5xx() {
        // Raised by a command just now, so the issue sits in its type's aggregate cache; with one cache for all
        // types the body and meeting repositories got the issue back (500, found by the fuzz bench).
        String issue = http.post(Seed.OWNER, "/api/issues", "{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\","
                + "\"title\":\"Hluk u ubytovny\",\"locality\":\"Liberec\",\"observedOn\":\"2026-02-20\"}").id();
        var asBody = http.post(ADMIN, "/api/bodies/" + issue + "/dissolve", "{\"reason\":\"Zkouška\"}");
        var asMeeting = http.post(Seed.SECRETARY, "/api/meetings/" + region.meeting() + "/carry-over",
                "{\"fromMeetingId\":\"" + issue + "\",\"openMeasures\":[]}");

        assertThat(asBody.status()).as(asBody.body()).isEqualTo(404);
        // An id in the body is checked against the command lookup before any repository is asked.
        assertThat(asMeeting.status()).as(asMeeting.body()).isEqualTo(422);
        assertThat(asMeeting.body()).contains("\"code\":\"UNKNOWN_MEETING\"").contains("\"field\":\"fromMeetingId\"");
    }

    @Test
    void given_an_attendance_sheet_with_an_empty_entry_when_convening_then_400_problem_and_nothing_stored() {
        long before = mongo.getCollection("domainevents").countDocuments(new org.bson.Document("aggregateIdentifier", region.meeting()));

        var r = http.post(Seed.SECRETARY, "/api/meetings/" + region.meeting() + "/convene", "{\"attendance\":[null]}");

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(mongo.getCollection("domainevents").countDocuments(new org.bson.Document("aggregateIdentifier", region.meeting()))).isEqualTo(before);
    }

    @Test
    void given_cached_measure_when_another_process_appended_meanwhile_then_the_stale_command_is_refused_409_and_the_next_is_accepted() {
        String measure = region.measures().get(region.measures().size() - 1);
        String report = "{\"percent\":10,\"note\":\"%s\",\"effectiveOn\":\"2026-04-15\"}";
        assertThat(http.post(Seed.OWNER, "/api/measures/" + measure + "/progress", report.formatted("cached")).status()).isEqualTo(202);
        var events = mongo.getCollection("domainevents");
        org.bson.Document last = lastEvent(events, measure);
        // Another Souhra process on the same store appends the next event; this process's cache is now stale.
        org.bson.Document foreign = new org.bson.Document(last);
        foreign.remove("_id");
        foreign.put("eventIdentifier", java.util.UUID.randomUUID().toString());
        foreign.put("sequenceNumber", ((Number) last.get("sequenceNumber")).longValue() + 1);
        events.insertOne(foreign);

        var stale = http.post(Seed.OWNER, "/api/measures/" + measure + "/progress", report.formatted("stale"));
        var fresh = http.post(Seed.OWNER, "/api/measures/" + measure + "/progress", report.formatted("fresh"));

        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(202);
        List<Long> sequences = new ArrayList<>();
        events.find(new org.bson.Document("aggregateIdentifier", measure)).forEach(d -> sequences.add(((Number) d.get("sequenceNumber")).longValue()));
        sequences.sort(null);
        assertThat(sequences).as("one event per sequence, none skipped").hasSize((int) (sequences.get(sequences.size() - 1) + 1));
        assertThat(String.valueOf(lastEvent(events, measure).get("serializedPayload"))).contains("fresh").doesNotContain("stale");
    }

    private static org.bson.Document lastEvent(com.mongodb.client.MongoCollection<org.bson.Document> events, String aggregate) {
        return events.find(new org.bson.Document("aggregateIdentifier", aggregate))
                .sort(new org.bson.Document("sequenceNumber", -1)).first();
    }

    @Test
    void given_read_models_in_two_segments_when_admin_releases_one_then_this_process_gives_it_up_takes_it_back_when_nobody_claims_it_and_others_are_refused() throws Exception {
        assertThat(http.get(ADMIN, "/api/admin/processors").json().findValues("name").stream().map(n -> n.asText()))
                .contains("history", "measures", "meetings", "issues", "directory", "ledger");
        awaitSegments("measures", "[0,1]");

        assertThat(http.post(ADMIN, "/api/admin/processors/measures/segments/1/release", "{}").status()).isEqualTo(202);
        awaitSegments("measures", "[0]");
        // no other process here: once the release window (3 s in this test) has passed, this one claims it again
        awaitSegments("measures", "[0,1]");

        assertThat(http.post(Seed.OWNER, "/api/admin/processors/measures/segments/0/release", "{}").status()).isEqualTo(403);
        assertThat(http.post(ADMIN, "/api/admin/processors/nothing/segments/0/release", "{}").status()).isEqualTo(404);
        assertThat(http.post(ADMIN, "/api/admin/processors/measures/segments/7/release", "{}").status()).isEqualTo(404);
    }

    private void awaitSegments(String processor, String segments) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        String here = null;
        while (System.nanoTime() < deadline) {
            for (var p : http.get(ADMIN, "/api/admin/processors").json()) {
                if (p.path("name").asText().equals(processor)) {
                    here = p.path("segmentsHere").toString();
                }
            }
            if (segments.equals(here)) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(here).as(processor + " segments held here").isEqualTo(segments);
    }

    private static List<String> ids(String... ids) {
        return new ArrayList<>(List.of(ids));
    }
}
