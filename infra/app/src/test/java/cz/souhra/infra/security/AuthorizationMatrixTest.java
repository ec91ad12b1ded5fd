package cz.souhra.infra.security;

import static cz.souhra.infra.security.AuthorizationMatrix.Who.ADMIN;
import static cz.souhra.infra.security.AuthorizationMatrix.Who.AUDITOR;
import static cz.souhra.infra.security.AuthorizationMatrix.Who.MEMBER_FOREIGN;
import static cz.souhra.infra.security.AuthorizationMatrix.Who.MEMBER_OTHER_REGION;
import static cz.souhra.infra.security.AuthorizationMatrix.Who.MEMBER_OWN;
import static cz.souhra.infra.security.AuthorizationMatrix.Who.REVOKED;
import static cz.souhra.infra.security.AuthorizationMatrix.Who.SECRETARY_FOREIGN;
import static cz.souhra.infra.security.AuthorizationMatrix.Who.SECRETARY_OTHER_REGION;
import static cz.souhra.infra.security.AuthorizationMatrix.Who.SECRETARY_OWN;
import static cz.souhra.infra.security.AuthorizationMatrix.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cz.souhra.infra.security.AuthorizationMatrix.Outcome;
import cz.souhra.infra.security.AuthorizationMatrix.Rule;
import cz.souhra.infra.security.AuthorizationMatrix.Who;

/**
 * Every endpoint × every kind of caller → the exact status, and not a single unauthorized success.
 * "Own" callers belong to the fixture's body (its secretary, the institution owning its measure);
 * "foreign" ones hold the same role for another body and institution of the same region (LBK); "other
 * region" ones for a body and institution of ULK: regions are tenants, so they neither act nor read in LBK.
 */
class AuthorizationMatrixTest extends SecuredApplicationTest {

    static final String PW = "Matice-prav-u-jerabu-";
    static final AtomicInteger UNIQ = new AtomicInteger();
    static final int NO_ANSWER = 0;

    /** Filled once per context: the body, meeting, issue and measure the rules refer to. */
    static Map<String, String> fixture;

    static List<Rule> rules() {
        return List.of(
                // Accounts
                on(GET, "/api/admin/users").expect(200, ADMIN).otherwise(403),
                on(GET, "/api/admin/users/mx-target").expect(200, ADMIN).otherwise(403),
                on(POST, "/api/admin/users").body("{\"user\":\"mx-new-{uniq}\",\"password\":\"novy-ucet-{uniq}-pod-vrbou-abc\",\"roles\":[\"AUDITOR\"]}")
                        .expect(201, ADMIN).otherwise(403),
                on(POST, "/api/admin/users/mx-target/roles").body("{\"role\":\"AUDITOR\"}").expect(202, ADMIN).otherwise(403),
                on(DELETE, "/api/admin/users/mx-target/roles/AUDITOR").expect(202, ADMIN).otherwise(403),
                on(POST, "/api/admin/users/mx-target/password").body("{\"password\":\"jine-heslo-{uniq}-xyz\"}").expect(202, ADMIN).otherwise(403),
                on(POST, "/api/admin/users/mx-target/disable").body("{\"reason\":\"matrix\"}").expect(202, ADMIN).otherwise(403),
                on(POST, "/api/admin/users/mx-target/unlock").expect(200, ADMIN).otherwise(403),
                // An account whose every role was revoked still sees who it is, and nothing else.
                on(GET, "/api/me").expect(200, REVOKED).otherwise(200),

                // Audit: auditors and admins read, nobody else
                on(GET, "/api/audit/verify").expect(200, ADMIN, AUDITOR).otherwise(403),
                on(POST, "/api/audit/verify").expect(405, ADMIN).otherwise(403),

                // Directory
                on(GET, "/api/institutions").otherwise(200),
                on(GET, "/api/bodies").otherwise(200),
                on(POST, "/api/institutions").body("{\"code\":\"MXN{uniq}\",\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"Nová organizace\"}")
                        .expect(201, ADMIN).otherwise(403),
                on(POST, "/api/bodies").body("{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Skupina {uniq}\",\"meetingsPerYear\":4}")
                        .expect(201, ADMIN).otherwise(403),
                on(POST, "/api/bodies/{body}/secretaries").body("{\"user\":\"mx-sek-own\"}").expect(202, ADMIN).otherwise(403),
                // the working group's secretaries are the administrator's or the region's platform secretary's to remove (there is no
                // platform in this fixture): the group's own secretary, a member, another region and an auditor are refused
                on(POST, "/api/bodies/{body}/secretaries/mx-sek-removed/remove").expect(202, ADMIN).otherwise(403),

                // Meetings: the secretary of the body (and admin) records them
                on(POST, "/api/meetings").body("{\"bodyId\":\"{body}\",\"startsAt\":\"2026-05-10T09:00:00Z\",\"place\":\"Zasedačka\"}")
                        .expect(201, ADMIN, SECRETARY_OWN).otherwise(403),
                on(POST, "/api/meetings/{meeting}/agenda-items").body("{\"title\":\"Bod {uniq}\"}")
                        .expect(201, ADMIN, SECRETARY_OWN).otherwise(403),

                // Issues: any writer raises one for their institution; auditors never write. An admin acts for
                // no institution, so must name the raising one (400 without it). Admins and secretaries may
                // record an issue on behalf of another institution (raised at a meeting); members may not.
                on(POST, "/api/issues").body("{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Podnět {uniq}\",\"observedOn\":\"2026-02-20\"}")
                        .expect(201, SECRETARY_OWN, SECRETARY_FOREIGN, MEMBER_OWN, MEMBER_FOREIGN).expect(400, ADMIN).otherwise(403),
                on(POST, "/api/issues").body("{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Podnět {uniq}\",\"observedOn\":\"2026-02-20\",\"raisedBy\":\"MXOA\"}")
                        .expect(201, ADMIN, SECRETARY_OWN, SECRETARY_FOREIGN, MEMBER_FOREIGN).otherwise(403),
                on(GET, "/api/issues").otherwise(200),
                // Regions are tenants: raising an issue in ULK is for those who act in ULK (the case of a member of
                // a Liberec institution raising one there), and an issue is read in its region only.
                on(POST, "/api/issues").body("{\"region\":\"ULK\",\"category\":\"SCHOOLS\",\"title\":\"Podnět {uniq}\",\"observedOn\":\"2026-02-20\"}")
                        .expect(201, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION).expect(400, ADMIN).otherwise(403),
                on(POST, "/api/issues").body("{\"region\":\"ULK\",\"category\":\"SCHOOLS\",\"title\":\"Podnět {uniq}\",\"observedOn\":\"2026-02-20\",\"raisedBy\":\"MXUL\"}")
                        .expect(201, ADMIN, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION).otherwise(403),
                on(GET, "/api/issues/{otherRegionIssue}").expect(200, ADMIN, AUDITOR, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION).otherwise(403),
                on(GET, "/api/issues/{otherRegionIssue}/history").expect(200, ADMIN, AUDITOR, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION).otherwise(403),
                on(POST, "/api/issues/{otherRegionIssue}/recategorise").body("{\"category\":\"SECURITY\",\"reason\":\"přesněji {uniq}\"}")
                        .expect(202, ADMIN, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION).otherwise(403),

                // Measures: the owner institution reports progress, and so does the secretary of the body that
                // adopted it (progress is often reported at the meeting); others of the same roles do not.
                // Reading is for the body's people, admins and auditors.
                on(POST, "/api/measures/{measure}/progress").body("{\"percent\":10,\"note\":\"průběžně\"}")
                        .expect(202, MEMBER_OWN, SECRETARY_OWN, ADMIN).otherwise(403),
                on(GET, "/api/measures/{measure}").expect(403, SECRETARY_FOREIGN, MEMBER_FOREIGN, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION)
                        .otherwise(200),
                on(GET, "/api/measures/{measure}/history").expect(403, SECRETARY_FOREIGN, MEMBER_FOREIGN, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION)
                        .otherwise(200),
                on(GET, "/api/measures").otherwise(200),
                on(GET, "/api/exports/measures.csv").otherwise(200),

                // The directory (institutions, bodies and their members) is open to every signed-in user;
                // a body's meetings, calendar and measures only to its people, admins and auditors.
                on(GET, "/api/bodies/{body}").otherwise(200),
                on(GET, "/api/bodies/{body}/meetings").expect(403, SECRETARY_FOREIGN, MEMBER_FOREIGN, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION)
                        .otherwise(200),
                on(GET, "/api/meetings/{meeting}").expect(403, SECRETARY_FOREIGN, MEMBER_FOREIGN, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION)
                        .otherwise(200),
                on(GET, "/api/bodies/{body}/calendar.ics").expect(403, SECRETARY_FOREIGN, MEMBER_FOREIGN, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION)
                        .otherwise(200),
                on(GET, "/api/issues/{issue}").expect(403, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION).otherwise(200),
                on(GET, "/api/issues/{issue}/history").expect(403, SECRETARY_OTHER_REGION, MEMBER_OTHER_REGION).otherwise(200),
                on(GET, "/api/exports/issues.csv").otherwise(200),
                on(GET, "/api/audit/events").expect(200, ADMIN, AUDITOR).otherwise(403),
                on(GET, "/api/audit/export.jsonl").expect(200, ADMIN, AUDITOR).otherwise(403),

                // More commands
                on(POST, "/api/institutions/MXOA/rename").body("{\"name\":\"Poradna {uniq}\"}").expect(202, ADMIN).otherwise(403),
                // The body's secretary may admit members too; callers with success run in table order, so the
                // admin admits and the secretary then hears "already a member" (409: past the rights check).
                on(POST, "/api/bodies/{body}/members").body("{\"institution\":\"MXZZ\"}").expect(202, ADMIN).expect(409, SECRETARY_OWN)
                        .otherwise(403),
                on(POST, "/api/meetings/{meeting}/reschedule").body("{\"startsAt\":\"2026-05-11T09:00:00Z\",\"reason\":\"kolize {uniq}\"}")
                        .expect(202, ADMIN, SECRETARY_OWN).otherwise(403),
                on(POST, "/api/issues/{issue}/recategorise").body("{\"category\":\"SCHOOLS\",\"reason\":\"přesněji {uniq}\"}")
                        .expect(202, ADMIN, SECRETARY_OWN, SECRETARY_FOREIGN, MEMBER_OWN).otherwise(403)
        );
    }

    @Test
    void every_endpoint_answers_every_caller_with_the_exact_status_and_no_unauthorized_call_succeeds() {
        prepareFixture();
        List<Outcome> outcomes = AuthorizationMatrix.run(rules(), this::fill, this::call);

        List<Outcome> holes = outcomes.stream().filter(Outcome::unauthorizedSuccess).toList();
        List<Outcome> mismatches = outcomes.stream().filter(o -> !o.matches()).toList();
        System.out.println("Authorization matrix: " + outcomes.size() + " calls, " + mismatches.size() + " mismatches, "
                + holes.size() + " unauthorized successes");
        mismatches.forEach(o -> System.out.println("  " + o));
        assertThat(holes).as("unauthorized successes").isEmpty();
        assertThat(mismatches).as("calls answered with another status than the table says").isEmpty();
        assertThat(outcomes).hasSize(rules().size() * Who.values().length);
    }

    @Test
    void the_issue_register_and_its_export_list_only_the_issues_of_the_callers_regions() {
        prepareFixture();
        String lbk = fixture.get("issue");
        String ulk = fixture.get("otherRegionIssue");
        WebTestClient ulkMember = as("mx-member-ulk", PW + "member-ulk");
        WebTestClient lbkMember = as("mx-member-own", PW + "member-own");

        // the register follows the raising a moment later
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> assertThat(issueIds(admin())).contains(lbk, ulk));
        assertThat(issueIds(ulkMember)).contains(ulk).doesNotContain(lbk);
        assertThat(issueIds(lbkMember)).contains(lbk).doesNotContain(ulk);
        assertThat(issueIds(as("mx-sek-ulk", PW + "sek-ulk"))).contains(ulk).doesNotContain(lbk);
        assertThat(issueIds(admin())).contains(lbk, ulk);
        assertThat(issueIds(as("mx-auditor", PW + "auditor"))).contains(lbk, ulk);
        assertThat(csv(ulkMember)).contains(ulk).doesNotContain(lbk);
        assertThat(csv(lbkMember)).contains(lbk).doesNotContain(ulk);
        // the register's total counts only what the caller may see
        assertThat(total(ulkMember, "?region=LBK")).isZero();
    }

    @SuppressWarnings("unchecked")
    private static List<String> issueIds(WebTestClient client) {
        Map<String, Object> page = client.get().uri("/api/issues?size=500").exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(i -> String.valueOf(i.get("issueId"))).toList();
    }

    private static long total(WebTestClient client, String query) {
        Map<?, ?> page = client.get().uri("/api/issues" + query).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) page.get("total")).longValue();
    }

    private static String csv(WebTestClient client) {
        return new String(client.get().uri("/api/exports/issues.csv").exchange().expectStatus().isOk().expectBody(byte[].class).returnResult()
                .getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void revoking_secretary_without_a_body_ends_every_body_appointment_so_the_user_can_no_longer_record_meetings() {
        prepareFixture();
        String meeting = fixture.get("meeting");
        ensureUser("mx-sek-revoked", PW + "sek-revoked", "MXKU", "SECRETARY");
        post(admin(), "/api/bodies/" + fixture.get("body") + "/secretaries", "{\"user\":\"mx-sek-revoked\"}", 202);
        post(admin(), "/api/bodies/" + fixture.get("foreignBody") + "/secretaries", "{\"user\":\"mx-sek-revoked\"}", 202);
        WebTestClient secretary = as("mx-sek-revoked", PW + "sek-revoked");
        post(secretary, "/api/meetings/" + meeting + "/agenda-items", "{\"title\":\"Před odvoláním\"}", 201);

        admin().delete().uri("/api/admin/users/mx-sek-revoked/roles/SECRETARY").exchange().expectStatus().isAccepted();

        admin().get().uri("/api/admin/users/mx-sek-revoked").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.secretaryOf.length()").isEqualTo(0).jsonPath("$.roles.length()").isEqualTo(0);
        secretary.post().uri("/api/meetings/" + meeting + "/agenda-items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"Po odvolání\"}").exchange().expectStatus().isForbidden();
        secretary.get().uri("/api/meetings/" + meeting).exchange().expectStatus().isForbidden();
        secretary.get().uri("/api/me").exchange().expectStatus().isOk().expectBody().jsonPath("$.secretaryOf.length()").isEqualTo(0);

        // The body can appoint them again, and the right is back at the next request.
        post(admin(), "/api/bodies/" + fixture.get("body") + "/secretaries", "{\"user\":\"mx-sek-revoked\"}", 202);
        post(secretary, "/api/meetings/" + meeting + "/agenda-items", "{\"title\":\"Po novém jmenování\"}", 201);
    }

    @Test
    void a_platform_secretary_appoints_and_removes_the_secretary_of_their_regions_working_group_and_of_no_other_body() {
        prepareFixture();
        String group = fixture.get("body");
        String platform = post(admin(), "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"PLATFORM\",\"name\":\"Platforma (matice)\"}", 201);
        ensureUser("mx-sek-platform", PW + "sek-platform", "MXKU", "SECRETARY");
        ensureUser("mx-sek-group", PW + "sek-group", "MXUP", "SECRETARY");
        post(admin(), "/api/bodies/" + platform + "/secretaries", "{\"user\":\"mx-sek-platform\"}", 202);
        WebTestClient platformSecretary = as("mx-sek-platform", PW + "sek-platform");
        WebTestClient groupSecretary = as("mx-sek-group", PW + "sek-group");

        refused(platformSecretary, "/api/bodies/" + fixture.get("otherRegionBody") + "/secretaries", "{\"user\":\"mx-sek-group\"}", 403, "OTHER_REGION");
        refused(platformSecretary, "/api/bodies/" + platform + "/secretaries", "{\"user\":\"mx-sek-group\"}", 403, "ADMIN_ONLY");
        refused(as("mx-member-own", PW + "member-own"), "/api/bodies/" + group + "/secretaries", "{\"user\":\"mx-sek-group\"}", 403, "ADMIN_ONLY");
        refused(as("mx-sek-own", PW + "sek-own"), "/api/bodies/" + group + "/secretaries", "{\"user\":\"mx-sek-group\"}", 403, "NOT_PLATFORM_SECRETARY");
        refused(platformSecretary, "/api/bodies/" + platform + "/secretaries/mx-sek-platform/remove", null, 403, "ADMIN_ONLY");

        post(platformSecretary, "/api/bodies/" + group + "/secretaries", "{\"user\":\"mx-sek-group\"}", 202);
        post(groupSecretary, "/api/meetings/" + fixture.get("meeting") + "/agenda-items", "{\"title\":\"Od nového tajemníka\"}", 201);
        platformSecretary.post().uri("/api/bodies/" + group + "/secretaries/mx-sek-group/remove").exchange().expectStatus().isAccepted();
        groupSecretary.post().uri("/api/meetings/" + fixture.get("meeting") + "/agenda-items").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"Po odvolání\"}").exchange().expectStatus().isForbidden();
        refused(platformSecretary, "/api/bodies/" + group + "/secretaries/mx-sek-group/remove", null, 422, "NOT_SECRETARY_OF_BODY");
    }

    private static void refused(WebTestClient client, String path, String json, int status, String code) {
        var spec = client.post().uri(path);
        (json == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange())
                .expectStatus().isEqualTo(status).expectBody().jsonPath("$.code").isEqualTo(code);
    }

    private String fill(String template) {
        String s = template;
        if (s.contains("{uniq}")) {
            s = s.replace("{uniq}", Integer.toString(UNIQ.incrementAndGet()));
        }
        for (var e : fixture.entrySet()) {
            s = s.replace("{" + e.getKey() + "}", e.getValue());
        }
        return s;
    }

    private int call(Who who, HttpMethod method, String path, String body) {
        WebTestClient client = switch (who) {
            case ANONYMOUS -> anonymous();
            case ADMIN -> admin();
            case SECRETARY_OWN -> as("mx-sek-own", PW + "sek-own");
            case SECRETARY_FOREIGN -> as("mx-sek-foreign", PW + "sek-foreign");
            case MEMBER_OWN -> as("mx-member-own", PW + "member-own");
            case MEMBER_FOREIGN -> as("mx-member-foreign", PW + "member-foreign");
            case SECRETARY_OTHER_REGION -> as("mx-sek-ulk", PW + "sek-ulk");
            case MEMBER_OTHER_REGION -> as("mx-member-ulk", PW + "member-ulk");
            case AUDITOR -> as("mx-auditor", PW + "auditor");
            case REVOKED -> as("mx-revoked", PW + "revoked");
        };
        var spec = client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build().method(method).uri(path);
        try {
            var exchange = body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
            return exchange.returnResult(byte[].class).getStatus().value();
        } catch (IllegalStateException noAnswer) {
            // A hanging endpoint is a mismatch to be listed with the others, not a reason to stop the table;
            // the threads at that moment say where it hangs.
            System.out.println("No answer to " + method + " " + path + " as " + who + "; threads:");
            for (var t : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
                System.out.print(t);
            }
            return NO_ANSWER;
        }
    }

    private synchronized void prepareFixture() {
        if (fixture != null) {
            return;
        }
        post(admin(), "/api/institutions", "{\"code\":\"MXKU\",\"region\":\"LBK\",\"kind\":\"REGION_OFFICE\",\"name\":\"Kraj\"}", 201);
        post(admin(), "/api/institutions", "{\"code\":\"MXUP\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Úřad práce\"}", 201);
        post(admin(), "/api/institutions", "{\"code\":\"MXOA\",\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"Poradna\"}", 201);
        // Nobody's institution: admitting it changes no caller's view of the fixture.
        post(admin(), "/api/institutions", "{\"code\":\"MXZZ\",\"region\":\"LBK\",\"kind\":\"EMPLOYER\",\"name\":\"Zaměstnavatel\"}", 201);
        String body = post(admin(), "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Vlastní skupina\",\"meetingsPerYear\":4}", 201);
        String foreignBody = post(admin(), "/api/bodies", "{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Cizí skupina\",\"meetingsPerYear\":4}", 201);
        // Another region: an institution and a working group of Ústí nad Labem.
        post(admin(), "/api/institutions", "{\"code\":\"MXUL\",\"region\":\"ULK\",\"kind\":\"NGO\",\"name\":\"Ústecká poradna\"}", 201);
        String otherRegionBody = post(admin(), "/api/bodies", "{\"region\":\"ULK\",\"kind\":\"WORKING_GROUP\",\"name\":\"Ústecká skupina\",\"meetingsPerYear\":4}", 201);
        post(admin(), "/api/bodies/" + otherRegionBody + "/members", "{\"institution\":\"MXUL\"}", 202);
        post(admin(), "/api/bodies/" + body + "/members", "{\"institution\":\"MXKU\"}", 202);
        post(admin(), "/api/bodies/" + body + "/members", "{\"institution\":\"MXUP\"}", 202);
        post(admin(), "/api/bodies/" + foreignBody + "/members", "{\"institution\":\"MXOA\"}", 202);
        ensureUser("mx-sek-own", PW + "sek-own", "MXKU", "SECRETARY");
        ensureUser("mx-sek-foreign", PW + "sek-foreign", "MXOA", "SECRETARY");
        ensureUser("mx-member-own", PW + "member-own", "MXUP", "MEMBER");
        ensureUser("mx-member-foreign", PW + "member-foreign", "MXOA", "MEMBER");
        ensureUser("mx-sek-ulk", PW + "sek-ulk", "MXUL", "SECRETARY");
        ensureUser("mx-member-ulk", PW + "member-ulk", "MXUL", "MEMBER");
        ensureUser("mx-auditor", PW + "auditor", null, "AUDITOR");
        ensureUser("mx-target", PW + "target", "MXOA", "MEMBER");
        post(admin(), "/api/bodies/" + body + "/secretaries", "{\"user\":\"mx-sek-own\"}", 202);
        post(admin(), "/api/bodies/" + foreignBody + "/secretaries", "{\"user\":\"mx-sek-foreign\"}", 202);
        post(admin(), "/api/bodies/" + otherRegionBody + "/secretaries", "{\"user\":\"mx-sek-ulk\"}", 202);
        ensureUser("mx-sek-removed", PW + "sek-removed", "MXKU", "SECRETARY");
        post(admin(), "/api/bodies/" + body + "/secretaries", "{\"user\":\"mx-sek-removed\"}", 202);
        // Every right an account can have for the own body, then every role revoked: SECRETARY without a body
        // takes the body's appointment with it.
        ensureUser("mx-revoked", PW + "revoked", "MXKU", "SECRETARY", "MEMBER", "AUDITOR");
        post(admin(), "/api/bodies/" + body + "/secretaries", "{\"user\":\"mx-revoked\"}", 202);
        for (String role : List.of("SECRETARY", "MEMBER", "AUDITOR")) {
            admin().delete().uri("/api/admin/users/mx-revoked/roles/" + role).exchange().expectStatus().isAccepted();
        }
        admin().get().uri("/api/admin/users/mx-revoked").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.roles.length()").isEqualTo(0).jsonPath("$.secretaryOf.length()").isEqualTo(0);

        awaitRegion("mx-member-own", PW + "member-own", "LBK");
        awaitRegion("mx-member-foreign", PW + "member-foreign", "LBK");
        awaitRegion("mx-member-ulk", PW + "member-ulk", "ULK");
        awaitRegion("mx-sek-ulk", PW + "sek-ulk", "ULK");
        WebTestClient secretary = as("mx-sek-own", PW + "sek-own");
        String meeting = post(secretary, "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-03-10T09:00:00Z\",\"place\":\"Kraj\"}", 201);
        String issue = post(as("mx-member-own", PW + "member-own"), "/api/issues",
                "{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Ubytovna\",\"observedOn\":\"2026-02-20\"}", 201);
        String adoptedAt = post(secretary, "/api/meetings", "{\"bodyId\":\"" + body + "\",\"startsAt\":\"2026-03-03T09:00:00Z\",\"place\":\"Kraj\"}", 201);
        post(secretary, "/api/meetings/" + adoptedAt + "/convene", "{\"convenedAt\":\"2026-03-03T09:00:00Z\",\"attendance\":[{\"institution\":\"MXKU\",\"status\":\"DELEGATE\",\"delegate\":\"Jana\"},"
                + "{\"institution\":\"MXUP\",\"status\":\"DELEGATE\",\"delegate\":\"Petr\"}]}", 202);
        String resolution = post(secretary, "/api/meetings/" + adoptedAt + "/resolutions", "{\"number\":\"1/2026\",\"text\":\"Ukládá se.\"}", 201);
        String measure = post(secretary, "/api/meetings/" + adoptedAt + "/resolutions/" + resolution + "/measures",
                "{\"title\":\"Zmapovat ubytovny\",\"owner\":\"MXUP\",\"dueDate\":\"2026-06-30\",\"addresses\":[\"" + issue + "\"],\"decisionBasis\":\"1/2026\"}", 201);
        String otherRegionIssue = post(as("mx-member-ulk", PW + "member-ulk"), "/api/issues",
                "{\"region\":\"ULK\",\"category\":\"SCHOOLS\",\"title\":\"Škola v Ústí\",\"observedOn\":\"2026-02-21\"}", 201);
        fixture = Map.of("body", body, "foreignBody", foreignBody, "meeting", meeting, "issue", issue, "measure", measure,
                "otherRegionIssue", otherRegionIssue, "otherRegionBody", otherRegionBody);
    }

    @SuppressWarnings("unchecked")
    private static String post(WebTestClient client, String path, String json, int status) {
        Map<String, Object> response = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
        return response == null ? null : String.valueOf(response.get("id"));
    }
}
