package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import com.mongodb.client.model.Filters;

/** 401/403/429 as problems, hashes, throttling, headers and cookies on a running Souhra. */
class SecurityBehaviourTest extends SecuredApplicationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void configured_admin_password_opens_the_admin_account() {
        admin().get().uri("/api/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.user").isEqualTo("admin").jsonPath("$.roles[0]").isEqualTo("ADMIN");
    }

    @Test
    void anonymous_api_call_is_a_401_problem_without_internals() {
        anonymous().get().uri("/api/issues").header("Accept-Language", "en").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueMatches("WWW-Authenticate", "Basic realm=.*")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.code").isEqualTo("UNAUTHENTICATED")
                .jsonPath("$.detail").isEqualTo("Please authenticate.")
                .jsonPath("$.messageCs").isEqualTo("Přihlaste se prosím.")
                .jsonPath("$.trace").doesNotExist()
                .jsonPath("$.exception").doesNotExist();
    }

    @Test
    void auditor_write_is_a_403_problem_in_czech_by_default() {
        ensureUser("auditor-403", "odepreny-cap-na-mezi-403", null, "AUDITOR");
        as("auditor-403", "odepreny-cap-na-mezi-403").post().uri("/api/institutions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"X1\",\"region\":\"LBK\",\"kind\":\"REGION_OFFICE\",\"name\":\"x\"}").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(403).jsonPath("$.code").isEqualTo("FORBIDDEN")
                .jsonPath("$.detail").isEqualTo("K této akci nemáte oprávnění.");
    }

    @Test
    void member_cannot_reach_user_administration() {
        ensureUser("member-403", "zakazany-cap-na-mezi-403", "KULK", "MEMBER");
        as("member-403", "zakazany-cap-na-mezi-403").get().uri("/api/admin/users").exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
    }

    @Test
    void password_hashes_are_salted_bcrypt_never_the_password_and_differ_for_equal_passwords() {
        ensureUser("same-pw-1", "stejne-heslo-pro-oba", "KULK", "MEMBER");
        ensureUser("same-pw-2", "stejne-heslo-pro-oba", "KULK", "MEMBER");
        String h1 = hash("same-pw-1");
        String h2 = hash("same-pw-2");
        assertThat(h1).startsWith("{bcrypt}$2").doesNotContain("stejne-heslo-pro-oba");
        assertThat(h2).startsWith("{bcrypt}$2");
        assertThat(h1).isNotEqualTo(h2);
        admin().get().uri("/api/admin/users").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("same-pw-1").doesNotContain("bcrypt").doesNotContain("passwordHash"));
    }

    @Test
    void password_never_enters_the_event_stream() {
        ensureUser("no-hash-in-events", "heslo-mimo-udalosti", "KULK", "MEMBER");
        for (Document d : mongo.getCollection("domainevents").find(Filters.eq("aggregateIdentifier", "no-hash-in-events"))) {
            assertThat(d.toJson()).doesNotContain("heslo-mimo-udalosti").doesNotContain("bcrypt");
        }
        assertThat(mongo.getCollection("domainevents").countDocuments(Filters.eq("aggregateIdentifier", "no-hash-in-events"))).isPositive();
    }

    @Test
    void four_failures_then_success_reset_the_count() {
        ensureUser("forgiven", "spravne-heslo-5678", "KULK", "MEMBER");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                as("forgiven", "spatne").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
            }
            as("forgiven", "spravne-heslo-5678").get().uri("/api/me").exchange().expectStatus().isOk();
        }
    }

    @Test
    void security_headers_are_on_every_response() {
        for (EntityExchangeResult<byte[]> r : List.of(
                anonymous().get().uri("/api/issues").exchange().expectBody().returnResult(),
                admin().get().uri("/api/me").exchange().expectBody().returnResult(),
                anonymous().get().uri("/login").exchange().expectBody().returnResult())) {
            var h = r.getResponseHeaders();
            assertThat(h.getFirst("X-Frame-Options")).isEqualTo("DENY");
            assertThat(h.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(h.getFirst("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
            assertThat(h.getFirst("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
            assertThat(h.getFirst("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void api_never_creates_a_session() {
        admin().get().uri("/api/me").exchange().expectStatus().isOk().expectHeader().doesNotExist("Set-Cookie");
    }

    @Test
    void browser_pages_redirect_anonymous_users_to_the_login_form() {
        anonymous().get().uri("/").exchange().expectStatus().isFound().expectHeader().valueMatches("Location", ".*/login");
        anonymous().get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void form_login_needs_the_csrf_token_and_sets_an_httponly_samesite_secure_session_cookie() {
        // Without the token the login is refused outright.
        anonymous().post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=admin&password=" + ADMIN_PASSWORD).exchange().expectStatus().isForbidden();

        EntityExchangeResult<String> page = anonymous().get().uri("/login").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.getResponseBody());
        assertThat(m.find()).as("CSRF token in the login form").isTrue();
        ResponseCookie before = page.getResponseCookies().getFirst(SecurityConfiguration.SESSION_COOKIE);
        assertThat(before).as("session cookie for the CSRF token").isNotNull();

        EntityExchangeResult<Void> login = anonymous().post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .cookie(SecurityConfiguration.SESSION_COOKIE, before.getValue())
                .bodyValue("username=admin&password=" + ADMIN_PASSWORD + "&_csrf=" + m.group(1)).exchange()
                .expectStatus().isFound().expectBody(Void.class).returnResult();
        ResponseCookie session = login.getResponseCookies().getFirst(SecurityConfiguration.SESSION_COOKIE);
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.isSecure()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        // A new id after login: a session fixed by an attacker before login is worthless.
        assertThat(session.getValue()).isNotEqualTo(before.getValue());

        // The browser session is not accepted on /api.
        anonymous().get().uri("/api/me").cookie(SecurityConfiguration.SESSION_COOKIE, session.getValue()).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void malformed_or_foreign_credentials_are_a_401_problem_never_a_500() {
        for (String header : List.of("Basic !!!not-base64!!!", "Basic " + java.util.Base64.getEncoder().encodeToString("no-colon".getBytes()),
                "Bearer some.jwt.token", "Basic ")) {
            anonymous().get().uri("/api/me").header("Authorization", header).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void an_unreadable_admin_request_is_a_400_problem_without_class_names_or_stack_traces() {
        admin().post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"user\": [").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(b -> assertThat(b).doesNotContain("Exception").doesNotContain("cz.souhra")
                        .doesNotContain("jackson").doesNotContain("\tat "));
        admin().post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":\"x y\",\"password\":\"tajne-heslo-co-neunikne\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).value(b -> assertThat(b).contains("VALIDATION").doesNotContain("tajne-heslo-co-neunikne"));
    }

    private String hash(String user) {
        return mongo.getCollection("users").find(Filters.eq("_id", user)).first().getString("passwordHash");
    }
}
