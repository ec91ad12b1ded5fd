package cz.souhra.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The OpenAPI document is a contract a client generator can use, and it is true: swagger-parser reads it
 * without a message; every operation has a summary, one tag of the ten areas, HTTP Basic and no
 * {@code actor} parameter; and every status it documents is sent by the running application: the success
 * status to a valid request (a scripted year of a platform calls every operation), 401 without
 * credentials, 400 to a broken body or malformed id, 404 to an unknown id and 403 to a caller without
 * the right, for every operation that documents them; 409 and 422 for a sample.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractTest {

    private static final String ADMIN_PASSWORD = "smluvni-vzkaz-pod-lipou-7";
    private static final Path DATA_DIR = TestApplication.newDataDir("souhra-openapi");
    private static final Set<String> AREAS = Set.of("institutions", "bodies", "meetings", "issues", "measures", "audit", "documents", "open data",
            "users", "admin", "search");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, DATA_DIR, ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private OpenAPI api;
    private String apiJson;
    /** The world the scenario builds; the refusal tests use its ids. */
    private final Map<String, String> ids = new LinkedHashMap<>();
    /** "METHOD path" → statuses the application answered in the scenario. */
    private final Map<String, Set<Integer>> answered = new TreeMap<>();
    private final List<String> mismatches = new ArrayList<>();

    @org.junit.jupiter.api.BeforeEach
    void noMismatchesYet() {
        mismatches.clear();
    }

    @BeforeAll
    void readDocument() {
        passwords.put("admin", ADMIN_PASSWORD);
        apiJson = new String(client(null).get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(byte[].class).returnResult()
                .getResponseBody(), StandardCharsets.UTF_8);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(apiJson, null, options);
        assertThat(parsed.getMessages()).as("swagger-parser messages").isEmpty();
        api = parsed.getOpenAPI();
    }

    @Test
    @Order(1)
    void every_operation_has_summary_area_tag_basic_auth_examples_problem_refusals_and_no_actor_parameter() throws Exception {
        assertThat(api.getComponents().getSecuritySchemes().get("basicAuth").getScheme()).isEqualTo("basic");
        JsonNode document = json.readTree(apiJson);
        Schema<?> problem = api.getComponents().getSchemas().get("Problem");
        assertThat(problem.getProperties()).containsKeys("type", "title", "status", "detail", "instance", "code", "field");
        List<String> documented = new ArrayList<>();
        forEachOperation((key, operation) -> {
            documented.add(key);
            assertThat(operation.getSummary()).as(key + " summary").isNotBlank();
            assertThat(operation.getTags()).as(key + " tags").hasSize(1);
            assertThat(AREAS).as(key + " tag").contains(operation.getTags().get(0));
            var security = operation.getSecurity() != null ? operation.getSecurity() : api.getSecurity();
            assertThat(security).as(key + " security").anySatisfy(s -> assertThat(s).containsKey("basicAuth"));
            // the caller comes from the credentials: no parameter is an object; the only "actor" is the audit log's filter by user name
            String path = key.substring(key.indexOf(' ') + 1);
            for (JsonNode p : document.path("paths").path(path).path(key.substring(0, key.indexOf(' ')).toLowerCase()).path("parameters")) {
                assertThat(p.path("schema").path("type").asText()).as(key + " parameter " + p.path("name")).isIn("string", "integer", "boolean");
                assertThat(p.path("schema").has("$ref")).as(key + " parameter " + p.path("name")).isFalse();
            }
            List<String> successes = operation.getResponses().keySet().stream().filter(s -> s.startsWith("2")).toList();
            assertThat(successes).as(key + " success statuses").hasSize(1);
            assertThat(operation.getResponses()).as(key).containsKey("401");
            boolean hasExample = false;
            for (var e : operation.getResponses().entrySet()) {
                ApiResponse r = e.getValue();
                if (!e.getKey().startsWith("2")) {
                    var media = r.getContent().get("application/problem+json");
                    assertThat(media).as(key + " " + e.getKey() + " is a problem").isNotNull();
                    assertThat(media.getSchema().get$ref()).isEqualTo("#/components/schemas/Problem");
                }
                hasExample |= r.getContent() != null && r.getContent().values().stream().anyMatch(m -> m.getExample() != null);
            }
            assertThat(hasExample).as(key + " has an example").isTrue();
            if (operation.getRequestBody() != null) {
                assertThat(operation.getRequestBody().getContent().values()).as(key + " request example")
                        .allSatisfy(m -> assertThat(m.getExample()).isNotNull());
            }
        });
        assertThat(documented).as("operations in the document").containsExactlyInAnyOrderElementsOf(ApiContract.BY_KEY.keySet());
    }

    @Test
    @Order(2)
    void every_operation_answers_its_documented_success_status_to_a_valid_request() throws Exception {
        new Scenario().run();
        List<String> notCalled = new ArrayList<>();
        forEachOperation((key, operation) -> {
            if (!answered.containsKey(key)) {
                notCalled.add(key);
            }
        });
        assertThat(mismatches).as("answers other than the documented success").isEmpty();
        assertThat(notCalled).as("operations the scenario did not call").isEmpty();
    }

    @Test
    @Order(3)
    void every_operation_answers_401_without_credentials() throws Exception {
        forEachOperation((key, operation) -> expect(key, 401, send(null, key, operation, Mode.REAL, false)));
        assertThat(mismatches).isEmpty();
    }

    @Test
    @Order(4)
    void every_documented_400_is_answered_to_a_broken_body_or_a_malformed_value() throws Exception {
        forEachOperation((key, operation) -> {
            if (operation.getResponses().containsKey("400")) {
                boolean hasBody = operation.getRequestBody() != null;
                expect(key, 400, send("admin", key, operation, hasBody ? Mode.REAL : Mode.MALFORMED, hasBody));
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    @Order(5)
    void every_documented_404_is_answered_for_an_unknown_id() throws Exception {
        forEachOperation((key, operation) -> {
            if (operation.getResponses().containsKey("404")) {
                Answer a = send("admin", key, operation, Mode.UNKNOWN, false);
                // references in the body are checked before the target is loaded: an unknown one is a 422 naming its field
                boolean unknownReference = a.status() == 422 && a.body().contains("\"code\":\"UNKNOWN_") && a.body().contains("\"field\":");
                expect(key, unknownReference ? 422 : 404, a);
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    @Order(6)
    void every_documented_403_is_answered_to_a_caller_without_the_right() throws Exception {
        forEachOperation((key, operation) -> {
            if (operation.getResponses().containsKey("403")) {
                String path = key.substring(key.indexOf(' ') + 1);
                String caller;
                if (path.startsWith("/api/admin") || path.startsWith("/api/audit") || path.equals("/api/history")) {
                    caller = "uprace"; // a member: no administrator or auditor role
                } else if (key.equals("POST /api/me/password")) {
                    caller = "uprace"; // with a wrong current password
                } else if (!key.startsWith("GET")) {
                    caller = "auditor"; // reads only
                } else {
                    caller = "policie"; // a member institution outside the body
                }
                expect(key, 403, send(caller, key, operation, Mode.REAL, false));
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    @Order(7)
    void documented_409_and_422_are_answered_to_a_stale_version_a_duplicate_and_a_broken_rule() throws Exception {
        String measure = ids.get("measure");
        expect("POST /api/measures/{id}/progress", 409, call("uprace", "POST", "/api/measures/{id}/progress", "\"0\"",
                "{\"percent\":50,\"note\":\"stale\"}", measure));
        expect("POST /api/institutions", 409, call("admin", "POST", "/api/institutions", null,
                "{\"code\":\"UPLB\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Znovu\"}"));
        expect("POST /api/admin/users", 409, call("admin", "POST", "/api/admin/users", null,
                "{\"user\":\"uprace\",\"password\":\"zaneprazdneny-urad-v-dubnu-9\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"]}"));
        expect("POST /api/admin/users/{user}/enable", 409, call("admin", "POST", "/api/admin/users/{user}/enable", null, "{}", "uprace"));
        expect("POST /api/meetings/{id}/convene", 409, call("tajemnice", "POST", "/api/meetings/{id}/convene", null,
                "{\"attendance\":[{\"institution\":\"KULK\",\"status\":\"DELEGATE\",\"delegate\":\"Jana\"}]}", ids.get("meeting")));
        // a meeting of a body without members; an attendance naming a non-member; a resolution at a meeting without
        // quorum (recorded, but it cannot decide); a measure for an owner outside the body
        String empty = created(call("admin", "POST", "/api/bodies", null, "{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Prázdná\"}"));
        expect("POST /api/meetings", 422, call("admin", "POST", "/api/meetings", null,
                "{\"bodyId\":\"" + empty + "\",\"startsAt\":\"2026-09-01T09:00:00Z\",\"place\":\"Kraj\"}"));
        String next = created(call("tajemnice", "POST", "/api/meetings", null,
                "{\"bodyId\":\"" + ids.get("body") + "\",\"startsAt\":\"2026-10-01T09:00:00Z\",\"place\":\"Kraj\"}"));
        expect("POST /api/meetings/{id}/convene", 422, call("tajemnice", "POST", "/api/meetings/{id}/convene", null,
                "{\"attendance\":[{\"institution\":\"KRPL\",\"status\":\"DELEGATE\",\"delegate\":\"Host\"}]}", next));
        expect("POST /api/meetings/{id}/convene", 202, call("tajemnice", "POST", "/api/meetings/{id}/convene", null,
                "{\"attendance\":[{\"institution\":\"KULK\",\"status\":\"ABSENT\"},{\"institution\":\"UPLB\",\"status\":\"ABSENT\"}]}", next));
        expect("POST /api/meetings/{id}/resolutions", 422, call("tajemnice", "POST", "/api/meetings/{id}/resolutions", null,
                "{\"number\":\"9/2026\",\"text\":\"Bez usnášeníschopnosti nelze\"}", next));
        expect("POST /api/measures/{id}/extend", 422, call("tajemnice", "POST", "/api/measures/{id}/extend", null,
                "{\"meetingId\":\"" + ids.get("meeting") + "\",\"resolutionId\":\"" + ids.get("resolution") + "\",\"dueDate\":\"2027-01-31\",\"reason\":\"Tentýž den\"}",
                ids.get("measureOpen")));
        // the minutes of the first meeting are final: a verifier's answer now is a conflict; a meeting with minutes
        // sent to no one yet refuses a verifier who was not present
        expect("POST /api/meetings/{id}/minutes/confirm", 409, call("uprace", "POST", "/api/meetings/{id}/minutes/confirm", null,
                "{\"version\":2}", ids.get("meeting")));
        expect("POST /api/meetings/{id}/minutes/verification", 409, call("tajemnice", "POST", "/api/meetings/{id}/minutes/verification", null,
                "{\"verifiers\":[\"UPLB\"]}", next));
        assertThat(mismatches).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------

    /** A platform's year in the order a secretary records it; every operation of the API is called at least once. */
    private final class Scenario {

        void run() throws Exception {
            // institutions and accounts
            for (String[] i : new String[][] {{"KULK", "REGION_OFFICE", "Krajský úřad Libereckého kraje"}, {"UPLB", "LABOUR_OFFICE", "Úřad práce ČR – Liberec"},
                    {"KRPL", "POLICE", "Krajské ředitelství policie Libereckého kraje"}, {"XTRA", "NGO", "Spolek, který skončí"}}) {
                ok("admin", "POST", "/api/institutions", "{\"code\":\"" + i[0] + "\",\"region\":\"LBK\",\"kind\":\"" + i[1] + "\",\"name\":\"" + i[2] + "\"}");
            }
            ok("admin", "POST", "/api/institutions/{id}/rename", "{\"name\":\"Spolek pro integraci\"}", "XTRA");
            ok("admin", "POST", "/api/institutions/{id}/retire", "{\"reason\":\"Ukončení činnosti\"}", "XTRA");
            user("tajemnice", "zapis-z-porady-pod-javorem-12", "KULK", "SECRETARY");
            user("uprace", "pracovni-porada-u-reky-1", "UPLB", "MEMBER");
            user("policie", "hlidka-na-namesti-za-svitani-4", "KRPL", "MEMBER");
            user("auditor", "kontrola-zapisu-u-smrku-3", null, "AUDITOR");
            user("docasny", "docasny-pruchod-pres-most-1", "UPLB", "MEMBER");
            ok("admin", "GET", "/api/admin/users", null);
            ok("admin", "GET", "/api/admin/users/{user}", null, "uprace");
            ok("admin", "POST", "/api/admin/users/{user}/roles", "{\"role\":\"AUDITOR\"}", "docasny");
            ok("admin", "DELETE", "/api/admin/users/{user}/roles/{role}", null, "docasny", "AUDITOR");
            ok("admin", "POST", "/api/admin/users/{user}/password", "{\"password\":\"novy-pruchod-pres-lavku-2\"}", "docasny");
            ok("admin", "POST", "/api/admin/users/{user}/unlock", null, "docasny");
            ok("admin", "POST", "/api/admin/users/{user}/disable", "{\"reason\":\"Odchod z úřadu\"}", "docasny");
            ok("admin", "POST", "/api/admin/users/{user}/enable", "{\"reason\":\"Návrat do úřadu\"}", "docasny");
            ok("admin", "POST", "/api/admin/users/{user}/password-reset", null, "docasny");

            // bodies
            String body = created(ok("admin", "POST", "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Pracovní skupina ubytovny\"}"));
            ids.put("body", body);
            String shortLived = created(ok("admin", "POST", "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Dočasná skupina\"}"));
            ok("admin", "POST", "/api/bodies/{id}/members", "{\"institution\":\"KULK\"}", body);
            ok("admin", "POST", "/api/bodies/{id}/members", "{\"institution\":\"UPLB\"}", body);
            ok("admin", "POST", "/api/bodies/{id}/members", "{\"institution\":\"KRPL\"}", shortLived);
            ok("admin", "POST", "/api/bodies/{id}/members/{institution}/remove", "{\"reason\":\"Konec spolupráce\"}", shortLived, "KRPL");
            ok("admin", "POST", "/api/bodies/{id}/secretaries", "{\"user\":\"tajemnice\"}", body);
            ok("admin", "POST", "/api/bodies/{id}/secretaries", "{\"user\":\"uprace\"}", body);
            ok("admin", "POST", "/api/bodies/{id}/secretaries/{user}/remove", null, body, "uprace");
            ok("admin", "POST", "/api/bodies/{id}/dissolve", "{\"reason\":\"Úkol splněn\"}", shortLived);

            // a first meeting, recorded from scheduling to the correction of its record
            String meeting = created(ok("tajemnice", "POST", "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-03-10T09:00:00Z\",\"place\":\"KÚ Liberec\"}"));
            ids.put("meeting", meeting);
            String moved = created(ok("tajemnice", "POST", "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-03-20T09:00:00Z\",\"place\":\"Kraj\"}"));
            ok("tajemnice", "POST", "/api/meetings/{id}/reschedule", "{\"startsAt\":\"2026-03-27T09:00:00Z\",\"reason\":\"Kolize\"}", moved);
            ok("tajemnice", "POST", "/api/meetings/{id}/cancel", "{\"reason\":\"Nebylo by usnášeníschopné\"}", moved);
            String issue = created(ok("uprace", "POST", "/api/issues", "{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Napětí u ubytovny v Doubí\"}"));
            ids.put("issue", issue);
            String item = created(ok("tajemnice", "POST", "/api/meetings/{id}/agenda-items",
                    "{\"title\":\"Situace v ubytovnách\",\"presenter\":\"UPLB\",\"issues\":[\"" + issue + "\"]}", meeting));
            ids.put("item", item);
            String dropped = created(ok("tajemnice", "POST", "/api/meetings/{id}/agenda-items", "{\"title\":\"Různé\"}", meeting));
            ok("tajemnice", "POST", "/api/meetings/{id}/agenda-order", "{\"order\":[\"" + dropped + "\",\"" + item + "\"]}", meeting);
            ok("tajemnice", "POST", "/api/meetings/{id}/agenda-items/{itemId}/remove", "{\"reason\":\"Bez podkladů\"}", meeting, dropped);
            // attachments, while the meeting is open
            String attachment = created(okFile("tajemnice", "/api/meetings/{id}/attachments", meeting));
            ids.put("attachment", attachment);
            okFile("tajemnice", "/api/meetings/{id}/agenda-items/{itemId}/attachments", meeting, item);
            okFile("uprace", "/api/issues/{id}/attachments", issue);
            ok("uprace", "POST", "/api/issues/{id}/recategorise", "{\"category\":\"AGENCY_EMPLOYMENT\",\"reason\":\"Agenturní zaměstnávání\"}", issue);
            ok("tajemnice", "POST", "/api/issues/{id}/link", "{\"meetingId\":\"" + meeting + "\",\"itemId\":\"" + item + "\"}", issue);
            ok("tajemnice", "POST", "/api/meetings/{id}/convene", "{\"convenedAt\":\"2026-03-10T09:00:00Z\",\"attendance\":[{\"institution\":\"KULK\",\"status\":\"DELEGATE\",\"delegate\":\"Jana Nováková\"},"
                    + "{\"institution\":\"UPLB\",\"status\":\"DELEGATE\",\"delegate\":\"Petr Dvořák\"}]}", meeting);
            ok("tajemnice", "POST", "/api/meetings/{id}/agenda-items/{itemId}/discussion", "{\"summary\":\"Zmapováno 12 z 30 ubytoven.\",\"concluded\":true}",
                    meeting, item);
            String resolution = created(ok("tajemnice", "POST", "/api/meetings/{id}/resolutions",
                    "{\"itemId\":\"" + item + "\",\"number\":\"1/2026\",\"text\":\"Skupina ukládá opatření.\",\"votes\":{\"inFavour\":2,\"against\":0,\"abstained\":0}}", meeting));
            ids.put("resolution", resolution);
            List<String> measures = new ArrayList<>();
            for (int n = 1; n <= 5; n++) {
                measures.add(created(ok("tajemnice", "POST", "/api/meetings/{id}/resolutions/{resolutionId}/measures",
                        "{\"title\":\"Opatření " + n + "\",\"owner\":\"UPLB\",\"dueDate\":\"2026-06-30\",\"addresses\":[\"" + issue + "\"]}", meeting, resolution)));
            }
            ids.put("measure", measures.get(0));
            ids.put("measureOpen", measures.get(1));
            String report = created(okFile("uprace", "/api/measures/{id}/attachments", measures.get(0)));
            ok("uprace", "POST", "/api/attachments/{id}/remove", "{\"reason\":\"Nahráno omylem\"}", report);
            ok("uprace", "POST", "/api/measures/{id}/progress", "{\"percent\":40,\"note\":\"Zmapováno 12 z 30\"}", measures.get(0));
            ok("uprace", "POST", "/api/measures/{id}/complete", "{\"note\":\"Mapa předána\"}", measures.get(0));
            ok("tajemnice", "POST", "/api/meetings/{id}/minutes", "{\"text\":\"Zápis z jednání pracovní skupiny.\"}", meeting);
            ok("tajemnice", "POST", "/api/meetings/{id}/close", "{\"closedAt\":\"2026-03-10T11:30:00Z\"}", meeting);
            ok("tajemnice", "POST", "/api/meetings/{id}/corrections", "{\"what\":\"zápis\",\"correction\":\"12 z 30\",\"reason\":\"Překlep\"}", meeting);
            // the approval of its minutes: an objection noted, another answered by a correction, then both verifiers confirm
            ok("tajemnice", "POST", "/api/meetings/{id}/minutes/verification", "{\"verifiers\":[\"KULK\",\"UPLB\"]}", meeting);
            ok("uprace", "POST", "/api/meetings/{id}/minutes/objections", "{\"version\":1,\"text\":\"13, ne 12\"}", meeting);
            ok("tajemnice", "POST", "/api/meetings/{id}/minutes/objections/{objection}/note", "{\"note\":\"Podle podkladů\"}", meeting, "1");
            ok("uprace", "POST", "/api/meetings/{id}/minutes/objections", "{\"version\":1,\"text\":\"Přesto 13\"}", meeting);
            ok("tajemnice", "POST", "/api/meetings/{id}/minutes/draft", "{\"text\":\"Zápis z jednání pracovní skupiny, 13 z 30.\"}", meeting);
            ok("uprace", "POST", "/api/meetings/{id}/minutes/confirm", "{\"version\":2}", meeting);
            ok("tajemnice", "POST", "/api/meetings/{id}/minutes/confirm", "{\"version\":2}", meeting);

            // a later meeting decides about the measures
            String later = created(ok("tajemnice", "POST", "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-06-10T09:00:00Z\",\"place\":\"KÚ Liberec\"}"));
            ok("tajemnice", "POST", "/api/meetings/{id}/carry-over", "{\"fromMeetingId\":\"" + meeting + "\",\"openMeasures\":[\"" + measures.get(1) + "\"]}", later);
            ok("tajemnice", "POST", "/api/meetings/{id}/convene", "{\"convenedAt\":\"2026-06-10T09:00:00Z\",\"attendance\":[{\"institution\":\"KULK\",\"status\":\"DELEGATE\",\"delegate\":\"Jana Nováková\"},"
                    + "{\"institution\":\"UPLB\",\"status\":\"DELEGATE\",\"delegate\":\"Petr Dvořák\"}]}", later);
            String decision = created(ok("tajemnice", "POST", "/api/meetings/{id}/resolutions", "{\"number\":\"2/2026\",\"text\":\"Skupina rozhoduje o opatřeních.\"}", later));
            String by = "\"meetingId\":\"" + later + "\",\"resolutionId\":\"" + decision + "\"";
            ok("tajemnice", "POST", "/api/measures/{id}/verify", "{" + by + ",\"note\":\"Splněno\"}", measures.get(0));
            ok("tajemnice", "POST", "/api/measures/{id}/extend", "{" + by + ",\"dueDate\":\"2026-09-30\",\"reason\":\"Čeká se na data\"}", measures.get(1));
            ok("tajemnice", "POST", "/api/measures/{id}/reassign", "{" + by + ",\"owner\":\"KULK\",\"reason\":\"Převzato krajem\"}", measures.get(2));
            ok("tajemnice", "POST", "/api/measures/{id}/cancel", "{" + by + ",\"reason\":\"Pozbylo smyslu\"}", measures.get(3));
            ok("tajemnice", "POST", "/api/measures/{id}/supersede", "{" + by + ",\"supersededBy\":\"" + measures.get(1) + "\",\"reason\":\"Nahrazeno\"}", measures.get(4));
            ok("uprace", "POST", "/api/issues/{id}/resolve", "{\"reason\":\"Ubytovna uzavřena\"}", issue);
            ok("uprace", "POST", "/api/issues/{id}/reopen", "{\"reason\":\"Problém se vrátil\"}", issue);
            ok("uprace", "POST", "/api/me/password", "{\"currentPassword\":\"pracovni-porada-u-reky-1\",\"newPassword\":\"pracovni-porada-u-rybnika-2\"}");
            passwords.put("uprace", "pracovni-porada-u-rybnika-2");

            // reads (the read models follow the events within about a second)
            read("admin", "/api/institutions");
            read("admin", "/api/bodies");
            read("uprace", "/api/bodies/{id}", body);
            read("uprace", "/api/bodies/{id}/history", body);
            read("uprace", "/api/bodies/{id}/meetings", body);
            read("uprace", "/api/meetings/{id}", meeting);
            read("uprace", "/api/meetings/{id}/history", meeting);
            read("uprace", "/api/meetings/{id}/carry-over-proposal", meeting);
            stream("uprace", "/api/meetings/{id}/updates", meeting);
            read("uprace", "/api/issues");
            read("uprace", "/api/issues/{id}", issue);
            read("uprace", "/api/issues/{id}/history", issue);
            read("uprace", "/api/measures");
            read("uprace", "/api/measures/{id}", measures.get(1));
            read("uprace", "/api/measures/{id}/history", measures.get(1));
            read("uprace", "/api/measures/{id}/lineage", measures.get(1));
            ok("uprace", "GET", "/api/search?q=ubytovna&kind=ISSUE", null);
            stream("uprace", "/api/measures/{id}/updates", measures.get(1));
            read("uprace", "/api/dashboard");
            stream("uprace", "/api/dashboard/updates");
            read("auditor", "/api/history");
            read("auditor", "/api/audit/verify");
            read("auditor", "/api/audit/events");
            read("auditor", "/api/audit/export.jsonl");
            read("uprace", "/api/meetings/{id}/minutes.pdf", meeting);
            read("uprace", "/api/meetings/{id}/attachments", meeting);
            read("uprace", "/api/issues/{id}/attachments", issue);
            read("uprace", "/api/measures/{id}/attachments", measures.get(0));
            read("uprace", "/api/attachments/{id}", attachment);
            read("uprace", "/api/attachments/{id}/content", attachment);
            read("auditor", "/api/audit/export-attachments.zip");
            read("uprace", "/api/bodies/{id}/calendar.ics", body);
            read("uprace", "/api/institutions/{id}/calendar.ics", "UPLB");
            read("uprace", "/api/exports/issues.csv");
            read("uprace", "/api/exports/measures.csv");
            read("uprace", "/api/oparl/v1/system");
            read("uprace", "/api/oparl/v1/body");
            read("uprace", "/api/oparl/v1/body/{id}", body);
            read("uprace", "/api/oparl/v1/body/{id}/meeting", body);
            read("uprace", "/api/oparl/v1/body/{id}/organization", body);
            read("uprace", "/api/oparl/v1/organization/{id}", "UPLB");
            read("uprace", "/api/oparl/v1/membership/{bodyId}/{institution}", body, "UPLB");
            read("uprace", "/api/oparl/v1/meeting/{id}", meeting);
            read("uprace", "/api/me");
            // operating
            read("admin", "/api/admin/processors");
            ok("admin", "POST", "/api/admin/processors/{name}/segments/{segment}/release", null, "measures", "0");
            ok("admin", "POST", "/api/admin/rebuild?projection=measures", null);
            ok("admin", "POST", "/api/admin/read-models/verify?projection=measures", null);
            read("admin", "/api/admin/read-models/digest");
            ok("admin", "POST", "/api/admin/determinism", null);
        }

        private void user(String name, String password, String institution, String role) throws Exception {
            ok("admin", "POST", "/api/admin/users", "{\"user\":\"" + name + "\",\"password\":\"" + password + "\","
                    + (institution == null ? "" : "\"institution\":\"" + institution + "\",") + "\"roles\":[\"" + role + "\"]}");
            passwords.put(name, password);
        }

        /** A command or read called once; its answer must be the documented success. */
        private Answer ok(String user, String method, String template, String body, String... vars) throws Exception {
            Answer a = call(user, method, template, null, body, (Object[]) vars);
            String key = method + " " + template.replaceAll("\\?.*", "");
            answered.computeIfAbsent(key, k -> new TreeSet<>()).add(a.status());
            expect(key, documentedSuccess(key), a);
            return a;
        }

        /** An upload of a small PDF, called once; its answer must be the documented success. */
        private Answer okFile(String user, String template, String... vars) throws Exception {
            Answer a = callFile(user, template, multipart("file", "program.pdf", cz.souhra.infra.attachments.Files4Tests.pdf(100)), (Object[]) vars);
            String key = "POST " + template;
            answered.computeIfAbsent(key, k -> new TreeSet<>()).add(a.status());
            expect(key, documentedSuccess(key), a);
            return a;
        }

        /** A read, retried until the read model has caught up (up to 20 s); then its answer must be the documented success. */
        private void read(String user, String template, String... vars) throws Exception {
            String key = "GET " + template;
            int expected = documentedSuccess(key);
            Answer a = null;
            for (long end = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < end; Thread.sleep(200)) {
                a = call(user, "GET", template, null, null, (Object[]) vars);
                if (a.status() == expected) {
                    break;
                }
            }
            answered.computeIfAbsent(key, k -> new TreeSet<>()).add(a.status());
            expect(key, expected, a);
        }

        private void stream(String user, String template, String... vars) throws Exception {
            String key = "GET " + template;
            Answer a = call(user, "GET", template, null, null, (Object[]) vars);
            answered.computeIfAbsent(key, k -> new TreeSet<>()).add(a.status());
            expect(key, documentedSuccess(key), a);
        }
    }

    // ---------------------------------------------------------------------------------------------------

    enum Mode { REAL, UNKNOWN, MALFORMED }

    record Answer(int status, String contentType, String body) {}

    private interface OperationCheck {
        void check(String key, Operation operation) throws Exception;
    }

    private void forEachOperation(OperationCheck check) throws Exception {
        for (var path : api.getPaths().entrySet()) {
            for (var op : path.getValue().readOperationsMap().entrySet()) {
                check.check(op.getKey().name() + " " + path.getKey(), op.getValue());
            }
        }
    }

    private int documentedSuccess(String key) {
        String method = key.substring(0, key.indexOf(' '));
        Operation op = api.getPaths().get(key.substring(key.indexOf(' ') + 1)).readOperationsMap().get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(method));
        return Integer.parseInt(op.getResponses().keySet().stream().filter(s -> s.startsWith("2")).findFirst().orElseThrow());
    }

    private void expect(String key, int status, Answer answer) {
        if (answer.status() != status) {
            mismatches.add(key + ": expected " + status + ", got " + answer.status() + " " + abbreviate(answer.body()));
        } else if (status >= 400 && !(answer.contentType().startsWith("application/problem+json") && answer.body().contains("\"status\":" + status))) {
            mismatches.add(key + ": " + status + " without a problem body: " + answer.contentType() + " " + abbreviate(answer.body()));
        }
    }

    /** Sends an operation of the document: its example body (or a broken one), path variables by mode. */
    private Answer send(String user, String key, Operation operation, Mode mode, boolean brokenBody) throws Exception {
        String method = key.substring(0, key.indexOf(' '));
        String template = key.substring(key.indexOf(' ') + 1);
        List<Object> vars = new ArrayList<>();
        Matcher m = PATH_VARIABLE.matcher(template);
        while (m.find()) {
            vars.add(pathValue(template, m.group(1), mode));
        }
        String query = "";
        if (mode == Mode.MALFORMED && vars.isEmpty() && operation.getParameters() != null) {
            Parameter typed = operation.getParameters().stream().filter(p -> "query".equals(p.getIn()) && p.getSchema() != null
                    && ("integer".equals(type(p.getSchema())) || "date-time".equals(p.getSchema().getFormat()))).findFirst().orElse(null);
            if (typed != null) {
                query = "?" + typed.getName() + "=gestern";
            }
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent().containsKey("multipart/form-data")) {
            // an upload: a small PDF, or (broken) a form without its "file" part
            return callFile(user, template + query, brokenBody ? multipart("note", null, "bez souboru".getBytes(StandardCharsets.UTF_8))
                    : multipart("file", "program.pdf", cz.souhra.infra.attachments.Files4Tests.pdf(100)), vars.toArray());
        }
        String body = null;
        if (operation.getRequestBody() != null) {
            Object example = operation.getRequestBody().getContent().values().iterator().next().getExample();
            body = brokenBody ? "{\"reason\": " : example == null ? "{}" : json.writeValueAsString(example);
            if (key.equals("POST /api/me/password") && !brokenBody) {
                body = "{\"currentPassword\":\"not-my-password-1\",\"newPassword\":\"javorovy-list-na-lavicce-4\"}";
            }
        } else if (method.equals("POST")) {
            body = brokenBody ? "{\"reason\": " : null;
        }
        return call(user, method, template + query, null, body, vars.toArray());
    }

    private String pathValue(String template, String name, Mode mode) {
        boolean unknown = mode == Mode.UNKNOWN;
        boolean malformed = mode == Mode.MALFORMED;
        String uuid = UUID.randomUUID().toString();
        switch (name) {
            case "itemId":
                return unknown ? uuid : malformed ? "no-item" : ids.get("item");
            case "resolutionId":
                return unknown ? uuid : malformed ? "no-resolution" : ids.get("resolution");
            case "bodyId":
                return unknown ? uuid : malformed ? "no-body" : ids.get("body");
            case "institution":
                return unknown ? "ZZNONE" : "UPLB";
            case "user":
                return unknown ? "nobody-here" : "uprace";
            case "role":
                return "MEMBER";
            case "name":
                return unknown ? "nothing" : "measures";
            case "segment":
                return unknown ? "7" : malformed ? "first" : "0";
            case "objection":
                return malformed ? "first" : "1";
            default:
                break;
        }
        if (template.startsWith("/api/institutions/")) {
            return unknown ? "ZZNONE" : malformed ? "not an id" : "UPLB";
        }
        if (template.startsWith("/api/oparl/v1/organization/")) {
            // an organization is a member institution (public) or a body (seen by its members only)
            return unknown ? "ZZNONE" : ids.get("body");
        }
        if (template.startsWith("/api/attachments/")) {
            return unknown ? uuid : malformed ? "not-an-attachment" : ids.get("attachment");
        }
        String kind = template.startsWith("/api/bodies/") || template.startsWith("/api/oparl/v1/body/") ? "body"
                : template.startsWith("/api/meetings/") || template.startsWith("/api/oparl/v1/meeting/") ? "meeting"
                : template.startsWith("/api/issues/") ? "issue" : template.startsWith("/api/measures/") ? "measure" : null;
        if (kind == null) {
            throw new IllegalStateException("No value for {" + name + "} in " + template);
        }
        return unknown ? uuid : malformed ? "not-a-" + kind : ids.get(kind);
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> multipart(String part, String filename, byte[] content) {
        org.springframework.http.client.MultipartBodyBuilder parts = new org.springframework.http.client.MultipartBodyBuilder();
        var builder = parts.part(part, content);
        if (filename != null) {
            builder.filename(filename);
        }
        return parts.build();
    }

    private Answer callFile(String user, String template, org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> parts,
                            Object... vars) throws Exception {
        return answer(client(user).post().uri(template, vars).contentType(MediaType.MULTIPART_FORM_DATA)
                .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(parts)).exchange().returnResult(byte[].class));
    }

    private Answer call(String user, String method, String template, String ifMatch, String body, Object... vars) throws Exception {
        WebTestClient.RequestBodySpec spec = client(user).method(HttpMethod.valueOf(method)).uri(template, vars);
        if (ifMatch != null) {
            spec.header("If-Match", ifMatch);
        }
        WebTestClient.RequestHeadersSpec<?> request = body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return answer(request.exchange().returnResult(byte[].class));
    }

    private Answer answer(FluxExchangeResult<byte[]> result) {
        int status = result.getStatus().value();
        boolean stream = String.valueOf(result.getResponseHeaders().getContentType()).startsWith("text/event-stream");
        // live streams never end: the first event shows it streams, then the client goes away
        List<byte[]> chunks = stream ? result.getResponseBody().take(1).collectList().block(Duration.ofSeconds(60))
                : result.getResponseBody().collectList().block(Duration.ofSeconds(120));
        StringBuilder text = new StringBuilder();
        if (chunks != null) {
            chunks.forEach(c -> text.append(new String(c, StandardCharsets.UTF_8)));
        }
        return new Answer(status, String.valueOf(result.getResponseHeaders().getContentType()), text.toString());
    }

    private String created(Answer a) throws Exception {
        JsonNode node = json.readTree(a.body());
        return node.path("id").asText();
    }

    private WebTestClient client(String user) {
        var connector = new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                reactor.netty.http.client.HttpClient.create(reactor.netty.resources.ConnectionProvider.newConnection()));
        WebTestClient c = WebTestClient.bindToServer(connector).baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(120)).build();
        return user == null ? c : c.mutate().defaultHeaders(h -> h.setBasicAuth(user, passwords.get(user))).build();
    }

    /** OpenAPI 3.1 schemas carry a set of types; swagger-parser fills {@code types} for them, {@code type} for 3.0. */
    private static String type(Schema<?> schema) {
        return schema.getType() != null ? schema.getType() : schema.getTypes() == null || schema.getTypes().isEmpty() ? null
                : schema.getTypes().iterator().next();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
