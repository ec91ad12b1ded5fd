package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import cz.souhra.infra.web.ErrorBundles;

/**
 * The one error contract at the edge: each non-success status as an RFC 9457 problem with its stable code,
 * the field where there is one, and the detail in Czech or English by Accept-Language; for a browser the
 * UI's error page. Unreadable bodies name the field and the value Jackson could not read.
 */
class ErrorContractTest extends SecuredApplicationTest {

    private static final String MEETING = "0f0f0f0f-0000-4000-8000-0000000000aa";

    @SuppressWarnings("unchecked")
    private Map<String, Object> problem(WebTestClient.RequestHeadersSpec<?> request, int status, String code) {
        Map<String, Object> p = request.exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(p).containsEntry("status", status).containsEntry("code", code).containsKeys("type", "title", "detail", "messageCs", "messageEn");
        return p;
    }

    private WebTestClient.RequestHeadersSpec<?> postJson(WebTestClient client, String path, String json, String language) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).header("Accept-Language", language).bodyValue(json);
    }

    @Test
    void an_impossible_date_is_refused_naming_the_field_and_the_value_in_czech_or_english() {
        String path = "/api/meetings/" + MEETING + "/resolutions/" + MEETING + "/measures";
        String body = "{\"title\":\"Zmapovat ubytovny\",\"owner\":\"RFUP\",\"dueDate\":\"2026-02-30\"}";

        // a command's body is read by the command side's strict reader, which names the field and the value itself
        Map<String, Object> cs = problem(postJson(admin(), path, body, "cs"), 400, "JSON_EXPECTED_DATE");
        Map<String, Object> en = problem(postJson(admin(), path, body, "en"), 400, "JSON_EXPECTED_DATE");

        assertThat(cs).containsEntry("field", "dueDate");
        assertThat((String) cs.get("detail")).contains("„dueDate“").contains("2026-02-30").contains("datum");
        assertThat((String) en.get("detail")).contains("\"dueDate\"").contains("2026-02-30").contains("date");
        assertThat(ErrorBundles.isEnglish((String) cs.get("detail"))).isFalse();
    }

    @Test
    void an_object_where_text_is_expected_and_broken_json_are_refused_as_such() {
        Map<String, Object> wrongType = problem(postJson(admin(), "/api/institutions",
                "{\"code\":{\"nested\":1},\"region\":\"LBK\",\"kind\":\"NGO\",\"name\":\"x\"}", "cs"), 400, "JSON_EXPECTED_TEXT");
        assertThat(wrongType).containsEntry("field", "code");
        assertThat((String) wrongType.get("detail")).startsWith("Pole „code“").contains("text");

        Map<String, Object> broken = problem(postJson(admin(), "/api/institutions", "{\"code\":\"AB\",\n\"region\":", "en"), 400, "MALFORMED_JSON");
        assertThat((String) broken.get("detail")).startsWith("The request body is not valid JSON (line 2,");

        Map<String, Object> unknownKind = problem(postJson(admin(), "/api/institutions",
                "{\"code\":\"AB\",\"region\":\"LBK\",\"kind\":\"CASTLE\",\"name\":\"x\"}", "cs"), 400, "JSON_EXPECTED_ENUM");
        assertThat((String) unknownKind.get("detail")).contains("„kind“").contains("CASTLE").contains("NGO");
        assertThat(unknownKind).containsEntry("field", "kind");
    }

    @Test
    void routing_refusals_are_problems_in_the_callers_language() {
        Map<String, Object> notFound = problem(admin().get().uri("/api/no-such-thing").header("Accept-Language", "cs"), 404, "NO_SUCH_RESOURCE");
        assertThat((String) notFound.get("detail")).isEqualTo("Na adrese /api/no-such-thing nic není.");

        admin().delete().uri("/api/institutions").header("Accept-Language", "cs").exchange().expectStatus().isEqualTo(405)
                .expectHeader().valueMatches("Allow", ".*GET.*")
                .expectBody().jsonPath("$.code").isEqualTo("METHOD_NOT_ALLOWED").jsonPath("$.detail").isEqualTo("Metoda DELETE zde není povolena; povolené: GET, POST.");

        Map<String, Object> unsupported = problem(admin().post().uri("/api/institutions").contentType(MediaType.TEXT_PLAIN)
                .header("Accept-Language", "cs").bodyValue("code=AB"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat((String) unsupported.get("detail")).startsWith("Obsah typu text/plain zde není přijímán");

        Map<String, Object> notAcceptable = problem(admin().get().uri("/api/institutions").accept(MediaType.APPLICATION_PDF)
                .header("Accept-Language", "cs"), 406, "NOT_ACCEPTABLE");
        assertThat((String) notAcceptable.get("detail")).startsWith("Odpověď nelze poskytnout");
    }

    @Test
    void a_ten_megabyte_body_is_refused_413_as_a_problem_in_czech() {
        String huge = "{\"name\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}";
        Map<String, Object> p = problem(postJson(admin(), "/api/institutions", huge, "cs"), 413, "PAYLOAD_TOO_LARGE");
        assertThat((String) p.get("detail")).startsWith("Tělo požadavku je příliš velké");
    }

    @Test
    void an_address_with_encoded_slashes_is_refused_as_a_problem_not_an_empty_400() {
        Map<String, Object> p = problem(admin().post().uri(java.net.URI.create("http://localhost:" + port + "/api/meetings/..%2F..%2Fadmin/agenda-items"))
                .contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "en").bodyValue("{\"title\":\"x\"}"), 400, "REQUEST_REJECTED");
        assertThat((String) p.get("detail")).contains("encoded slash");
    }

    @Test
    void unauthenticated_and_forbidden_are_problems_in_czech_and_english() {
        anonymous().get().uri("/api/institutions").header("Accept-Language", "en").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueMatches("WWW-Authenticate", "Basic.*")
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED").jsonPath("$.detail").isEqualTo("Please authenticate.");
        ensureUser("ec-clen", "ErrorContract-Heslo-1", null, "AUDITOR");
        Map<String, Object> p = problem(as("ec-clen", "ErrorContract-Heslo-1").get().uri("/api/admin/users").header("Accept-Language", "cs"),
                403, "FORBIDDEN");
        assertThat((String) p.get("detail")).isEqualTo("K této akci nemáte oprávnění.");
    }

    @Test
    void a_browser_gets_the_error_page_in_the_ui_layout_with_its_navigation_not_json() {
        String session = login("admin", ADMIN_PASSWORD);
        EntityExchangeResult<String> page = anonymous().get().uri("/no-such-page").accept(MediaType.TEXT_HTML)
                .cookie(SecurityConfiguration.SESSION_COOKIE, session).exchange()
                .expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult();
        assertThat(page.getResponseBody()).contains("Stránka nebo záznam neexistuje.").contains("Na adrese /no-such-page nic není.")
                .contains("href=\"/measures\"").doesNotContain("\"code\"");

        String english = anonymous().get().uri("/no-such-page?lang=en").accept(MediaType.TEXT_HTML).cookie(SecurityConfiguration.SESSION_COOKIE, session)
                .exchange().expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(english).contains("There is no resource at /no-such-page.").contains("The page or record does not exist.");

        String csrf = anonymous().post().uri("/measures").accept(MediaType.TEXT_HTML).cookie(SecurityConfiguration.SESSION_COOKIE, session)
                .exchange().expectStatus().isForbidden().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csrf).contains("Formulář vypršel nebo nepochází z této aplikace");
    }

    @Test
    void a_browser_without_the_right_gets_a_403_page() {
        ensureUser("ec-prohlizec", "ErrorContract-Heslo-2", null, "AUDITOR");
        String session = login("ec-prohlizec", "ErrorContract-Heslo-2");
        String page = anonymous().get().uri("/admin/users").accept(MediaType.TEXT_HTML).cookie(SecurityConfiguration.SESSION_COOKIE, session)
                .exchange().expectStatus().isForbidden().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("K této stránce nemáte oprávnění.").contains("href=\"/measures\"");
    }

    private String login(String user, String password) {
        EntityExchangeResult<String> form = anonymous().get().uri("/login").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        String anonymousSession = form.getResponseCookies().getFirst(SecurityConfiguration.SESSION_COOKIE).getValue();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.getResponseBody());
        assertThat(csrf.find()).isTrue();
        EntityExchangeResult<Void> login = anonymous().post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .cookie(SecurityConfiguration.SESSION_COOKIE, anonymousSession)
                .bodyValue("username=" + user + "&password=" + password + "&_csrf=" + csrf.group(1)).exchange()
                .expectStatus().isFound().expectBody(Void.class).returnResult();
        ResponseCookie cookie = login.getResponseCookies().getFirst(SecurityConfiguration.SESSION_COOKIE);
        return cookie.getValue();
    }
}
