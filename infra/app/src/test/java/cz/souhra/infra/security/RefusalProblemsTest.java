package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * For every aggregate behind the HTTP API: a refusal arrives as an RFC 9457 problem with the status of
 * its kind (400 invalid, 403 not allowed, 404 unknown, 409 stale If-Match or state conflict, 422 broken
 * rule) and a stable code, and the event store holds exactly as many events afterwards as before.
 * Shares the running application of the other security tests (same configuration, cached context).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalProblemsTest extends SecuredApplicationTest {

    static final String PW = "Refusal-Heslo-";
    static final String UNKNOWN_UUID = "0f0f0f0f-0000-4000-8000-00000000dead";

    @Autowired
    MongoTemplate mongo;

    String body;
    String meeting;
    String resolution;
    String quorumless;
    String issue;
    String measure;

    WebTestClient secretary() {
        return as("rf-sek", PW + "sek");
    }

    WebTestClient owner() {
        return as("rf-clen", PW + "clen");
    }

    WebTestClient otherMember() {
        return as("rf-cizi", PW + "cizi");
    }

    @BeforeAll
    void history() {
        post(admin(), "/api/institutions", "{\"code\":\"RFKU\",\"region\":\"LBK\",\"kind\":\"REGION_OFFICE\",\"name\":\"Kraj\"}", 201);
        post(admin(), "/api/institutions", "{\"code\":\"RFUP\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Úřad práce\"}", 201);
        post(admin(), "/api/institutions", "{\"code\":\"RFOL\",\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"Zaniklý spolek\"}", 201);
        post(admin(), "/api/institutions/RFUP/rename", "{\"name\":\"Úřad práce ČR, KrP Liberec\"}", 202);
        post(admin(), "/api/institutions/RFOL/retire", "{\"reason\":\"zánik spolku\"}", 202);
        body = post(admin(), "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"PS odmítnutí\",\"meetingsPerYear\":4}", 201);
        post(admin(), "/api/bodies/" + body + "/members", "{\"institution\":\"RFKU\"}", 202);
        post(admin(), "/api/bodies/" + body + "/members", "{\"institution\":\"RFUP\"}", 202);
        ensureUser("rf-sek", PW + "sek", "RFKU", "SECRETARY");
        ensureUser("rf-clen", PW + "clen", "RFUP", "MEMBER");
        ensureUser("rf-cizi", PW + "cizi", "RFKU", "MEMBER");
        post(admin(), "/api/bodies/" + body + "/secretaries", "{\"user\":\"rf-sek\"}", 202);
        meeting = post(secretary(), "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-03-03T09:00:00Z\",\"place\":\"Kraj\"}", 201);
        post(secretary(), "/api/meetings/" + meeting + "/convene", "{\"convenedAt\":\"2026-03-03T09:00:00Z\",\"attendance\":[{\"institution\":\"RFKU\",\"status\":\"DELEGATE\",\"delegate\":\"Jana\"},"
                + "{\"institution\":\"RFUP\",\"status\":\"DELEGATE\",\"delegate\":\"Petr\"}]}", 202);
        resolution = post(secretary(), "/api/meetings/" + meeting + "/resolutions", "{\"number\":\"1/2026\",\"text\":\"Ukládá se.\"}", 201);
        issue = post(owner(), "/api/issues", "{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Ubytovna\",\"observedOn\":\"2026-02-20\"}", 201);
        measure = post(secretary(), "/api/meetings/" + meeting + "/resolutions/" + resolution + "/measures",
                "{\"title\":\"Zmapovat ubytovny\",\"owner\":\"RFUP\",\"dueDate\":\"2026-06-30\",\"addresses\":[\"" + issue + "\"]}", 201);
        post(owner(), "/api/measures/" + measure + "/progress", "{\"percent\":20,\"effectiveOn\":\"2026-03-20\"}", 202);
        post(owner(), "/api/issues/" + issue + "/recategorise", "{\"category\":\"AGENCY_EMPLOYMENT\",\"reason\":\"agentura\"}", 202);
        quorumless = post(secretary(), "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-05-03T09:00:00Z\",\"place\":\"Kraj\"}", 201);
        post(secretary(), "/api/meetings/" + quorumless + "/agenda-items", "{\"title\":\"Bod 1\"}", 201);
    }

    @Test
    void institution_refusals_are_problems_and_store_nothing() {
        refused(admin(), "/api/institutions", null, "{\"code\":\"RFXX\",\"region\":\"LBK\",\"name\":\"Bez druhu\"}", 400, "VALIDATION");
        refused(owner(), "/api/institutions", null, "{\"code\":\"RFXY\",\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"Cizí\"}", 403, null);
        refused(admin(), "/api/institutions/RFNO/rename", null, "{\"name\":\"Nikdo\"}", 404, "NOT_FOUND");
        stale(admin(), "/api/institutions/RFUP/rename", "{\"name\":\"Jiný název\"}", 1);
        refused(admin(), "/api/institutions/RFOL/rename", null, "{\"name\":\"Oživený spolek\"}", 409, "INSTITUTION_RETIRED");
    }

    @Test
    void body_refusals_are_problems_and_store_nothing() {
        refused(admin(), "/api/bodies/" + body + "/members", null, "{}", 400, "VALIDATION");
        refused(owner(), "/api/bodies/" + body + "/members", null, "{\"institution\":\"RFKU\"}", 403, "NOT_SECRETARY");
        // An institution that does not exist or no longer acts is refused before the body is loaded (the command lookup).
        refused(secretary(), "/api/bodies/" + body + "/members", null, "{\"institution\":\"RFNO\"}", 422, "UNKNOWN_INSTITUTION");
        refused(secretary(), "/api/bodies/" + UNKNOWN_UUID + "/dissolve", null, "{\"reason\":\"x\"}", 404, null);
        // Axon checks the expected version once the handler has decided, so the stale request must be otherwise valid.
        stale(secretary(), "/api/bodies/" + body + "/members/RFUP/remove", "{\"reason\":\"vystoupení\"}", 3);
        refused(secretary(), "/api/bodies/" + body + "/members", null, "{\"institution\":\"RFOL\"}", 422, "INACTIVE_INSTITUTION");
        refused(secretary(), "/api/bodies/" + body + "/members/RFOL/remove", null, "{\"reason\":\"omyl\"}", 422, "NOT_MEMBER");
        refused(secretary(), "/api/bodies/" + body + "/members", null, "{\"institution\":\"RFKU\"}", 409, "ALREADY_MEMBER");
    }

    @Test
    void meeting_refusals_are_problems_and_store_nothing() {
        refused(secretary(), "/api/meetings", null, "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-09-03T09:00:00Z\"}", 400, "VALIDATION");
        refused(owner(), "/api/meetings/" + quorumless + "/agenda-items", null, "{\"title\":\"Cizí bod\"}", 403, "NOT_SECRETARY");
        refused(secretary(), "/api/meetings/" + UNKNOWN_UUID + "/cancel", null, "{\"reason\":\"x\"}", 404, "NOT_FOUND");
        stale(secretary(), "/api/meetings/" + quorumless + "/agenda-items", "{\"title\":\"Bod 2\"}", 1);
        // A sitting without quorum is recorded; only its decisions are refused.
        post(secretary(), "/api/meetings/" + quorumless + "/convene", "{\"attendance\":[{\"institution\":\"RFKU\",\"status\":\"DELEGATE\","
                + "\"delegate\":\"Jana\"},{\"institution\":\"RFUP\",\"status\":\"ABSENT\"}]}", 202);
        refused(secretary(), "/api/meetings/" + quorumless + "/resolutions", null, "{\"number\":\"1/2026\",\"text\":\"Ukládá se …\"}", 422,
                "QUORUM_NOT_MET");
        refused(secretary(), "/api/meetings/" + meeting + "/corrections", null, "{\"what\":\"prezence\",\"correction\":\"x\",\"reason\":\"chyba\"}", 409,
                "MEETING_NOT_CLOSED");
    }

    @Test
    void issue_refusals_are_problems_and_store_nothing() {
        refused(owner(), "/api/issues", null, "{\"region\":\"LBK\",\"category\":\"NO_SUCH_CATEGORY\",\"title\":\"x\"}", 400, null);
        refused(otherMember(), "/api/issues/" + issue + "/resolve", null, "{\"reason\":\"cizí\",\"resolvedOn\":\"2026-04-01\"}", 403, "NOT_OWN_INSTITUTION");
        refused(owner(), "/api/issues/" + UNKNOWN_UUID + "/resolve", null, "{\"reason\":\"x\",\"resolvedOn\":\"2026-04-01\"}", 404, "NOT_FOUND");
        stale(owner(), "/api/issues/" + issue + "/resolve", "{\"reason\":\"hotovo\",\"resolvedOn\":\"2026-04-01\"}", 1);
        refused(owner(), "/api/issues/" + issue + "/reopen", null, "{\"reason\":\"není co\"}", 409, "ISSUE_NOT_RESOLVED");
    }

    @Test
    void measure_refusals_are_problems_and_store_nothing() {
        refused(owner(), "/api/measures/" + measure + "/progress", null, "{\"percent\":140}", 400, "VALIDATION");
        refused(otherMember(), "/api/measures/" + measure + "/progress", null, "{\"percent\":50,\"effectiveOn\":\"2026-04-01\"}", 403, "NOT_OWNER");
        refused(owner(), "/api/measures/" + UNKNOWN_UUID + "/progress", null, "{\"percent\":50,\"effectiveOn\":\"2026-04-01\"}", 404, "NOT_FOUND");
        stale(owner(), "/api/measures/" + measure + "/progress", "{\"percent\":50,\"effectiveOn\":\"2026-04-01\"}", 1);
        refused(secretary(), "/api/measures/" + measure + "/extend", null, "{\"meetingId\":\"" + meeting + "\",\"resolutionId\":\"" + resolution
                + "\",\"dueDate\":\"2026-09-30\",\"reason\":\"hned\"}", 422, "DECISION_NOT_LATER");
    }

    @Test
    void user_account_refusals_are_problems_and_store_nothing() {
        refused(admin(), "/api/admin/users", null, "{\"user\":\"rf-novy\",\"password\":\"kratke\",\"roles\":[\"AUDITOR\"]}", 400, "WEAK_PASSWORD");
        refused(owner(), "/api/admin/users", null, "{\"user\":\"rf-novy\",\"password\":\"" + PW + "novy\",\"roles\":[\"ADMIN\"]}", 403, null);
        refused(admin(), "/api/admin/users/rf-nikdo/roles", null, "{\"role\":\"AUDITOR\"}", 404, "USER_NOT_FOUND");
        refused(admin(), "/api/admin/users", null, "{\"user\":\"rf-clen\",\"password\":\"" + PW + "jine\",\"institution\":\"RFUP\",\"roles\":[\"MEMBER\"]}",
                409, "USER_EXISTS");
    }

    /** A stale If-Match: 409 VERSION_CONFLICT naming the current version, nothing stored. */
    private void stale(WebTestClient client, String path, String json, long current) {
        Map<String, Object> problem = refused(client, path, "\"0\"", json, 409, "VERSION_CONFLICT");
        assertThat(((Number) problem.get("currentVersion")).longValue()).isEqualTo(current);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> refused(WebTestClient client, String path, String ifMatch, String json, int status, String code) {
        long before = settledEventCount();
        var spec = client.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        Map<String, Object> problem = spec.bodyValue(json).exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(problem).as(path).containsEntry("status", status).containsKey("code").containsKey("detail");
        if (code != null) {
            assertThat(problem.get("code")).as(path).isEqualTo(code);
        }
        assertThat(events()).as("events stored by the refused " + path).isEqualTo(before);
        return problem;
    }

    private long events() {
        return StoredEvents.count(mongo);
    }

    private long settledEventCount() {
        return StoredEvents.settled(mongo);
    }

    private static String post(WebTestClient client, String path, String json, int status) {
        return StoredEvents.post(client, path, json, status);
    }
}
