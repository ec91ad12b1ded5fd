package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The browser side: form login with CSRF, a session that follows the account's current state, logout. */
class BrowserSessionTest extends SecuredApplicationTest {

    record Session(String cookie, String csrf) {}

    Session login(String user, String password) {
        EntityExchangeResult<String> page = anonymous().get().uri("/login").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        String anonymousSession = page.getResponseCookies().getFirst(SecurityConfiguration.SESSION_COOKIE).getValue();
        String csrf = csrf(page.getResponseBody());
        EntityExchangeResult<Void> login = anonymous().post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .cookie(SecurityConfiguration.SESSION_COOKIE, anonymousSession)
                .bodyValue("username=" + user + "&password=" + password + "&_csrf=" + csrf).exchange()
                .expectStatus().isFound().expectHeader().valueEquals("Location", "/").expectBody(Void.class).returnResult();
        ResponseCookie cookie = login.getResponseCookies().getFirst(SecurityConfiguration.SESSION_COOKIE);
        String session = cookie.getValue();
        String token = csrf(anonymous().get().uri("/login").cookie(SecurityConfiguration.SESSION_COOKIE, session).exchange()
                .expectBody(String.class).returnResult().getResponseBody());
        return new Session(session, token);
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("CSRF token in the form").isTrue();
        return m.group(1);
    }

    private int status(Session s, String path) {
        return anonymous().get().uri(path).cookie(SecurityConfiguration.SESSION_COOKIE, s.cookie()).exchange()
                .returnResult(Void.class).getStatus().value();
    }

    @Test
    void a_wrong_password_on_the_form_goes_back_to_the_login_page_with_an_error() {
        EntityExchangeResult<String> page = anonymous().get().uri("/login").exchange().expectBody(String.class).returnResult();
        anonymous().post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .cookie(SecurityConfiguration.SESSION_COOKIE, page.getResponseCookies().getFirst(SecurityConfiguration.SESSION_COOKIE).getValue())
                .bodyValue("username=admin&password=wrong&_csrf=" + csrf(page.getResponseBody())).exchange()
                .expectStatus().isFound().expectHeader().valueEquals("Location", "/login?error");
    }

    @Test
    void a_session_loses_its_rights_at_the_next_request_once_the_account_is_disabled() {
        ensureUser("br-member", "prohlizec-jezek-v-trave-1", "KULK", "MEMBER");
        Session s = login("br-member", "prohlizec-jezek-v-trave-1");
        // Logged in: the dashboard rather than a redirect to the login form.
        assertThat(status(s, "/")).isEqualTo(200);

        admin().post().uri("/api/admin/users/br-member/disable").exchange().expectStatus().isAccepted();
        assertThat(status(s, "/")).isEqualTo(302);
    }

    @Test
    void a_session_whose_every_role_is_revoked_opens_no_page_any_more() {
        ensureUser("br-revoked", "odvolany-jezek-v-trave-2", "KULK", "MEMBER");
        Session s = login("br-revoked", "odvolany-jezek-v-trave-2");
        for (String page : java.util.List.of("/", "/measures", "/issues", "/bodies")) {
            assertThat(status(s, page)).as(page).isEqualTo(200);
        }

        admin().delete().uri("/api/admin/users/br-revoked/roles/MEMBER").exchange().expectStatus().isAccepted();
        for (String page : java.util.List.of("/", "/measures", "/issues", "/bodies", "/dashboard/board")) {
            assertThat(status(s, page)).as(page).isEqualTo(403);
        }
    }

    @Test
    void a_throttled_form_login_returns_to_the_form_saying_how_long_to_wait() {
        ensureUser("br-throttled", "zdrzeny-jezek-v-trave-3", "KULK", "MEMBER");
        // from an address of its own, so these failures leave the other tests' address (127.0.0.1) alone
        WebTestClient browser = from("127.0.0.17");
        for (int i = 0; i < 5; i++) {
            EntityExchangeResult<String> page = browser.get().uri("/login").exchange().expectBody(String.class).returnResult();
            browser.post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .cookie(SecurityConfiguration.SESSION_COOKIE, page.getResponseCookies().getFirst(SecurityConfiguration.SESSION_COOKIE).getValue())
                    .bodyValue("username=br-throttled&password=spatne-" + i + "&_csrf=" + csrf(page.getResponseBody())).exchange()
                    .expectStatus().isFound().expectHeader().valueEquals("Location", "/login?error");
        }
        EntityExchangeResult<String> page = browser.get().uri("/login").exchange().expectBody(String.class).returnResult();
        String session = page.getResponseCookies().getFirst(SecurityConfiguration.SESSION_COOKIE).getValue();
        browser.post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .cookie(SecurityConfiguration.SESSION_COOKIE, session)
                .bodyValue("username=br-throttled&password=zdrzeny-jezek-v-trave-3&_csrf=" + csrf(page.getResponseBody())).exchange()
                .expectStatus().isFound().expectHeader().valueEquals("Location", "/login?throttled=1");
        browser.get().uri("/login?throttled=1").exchange().expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("Příliš mnoho neúspěšných přihlášení z tohoto počítače; zkuste to znovu za 1 s."));
        admin().post().uri("/api/admin/users/br-throttled/unlock").exchange().expectStatus().isOk();
        login("br-throttled", "zdrzeny-jezek-v-trave-3");
    }

    @Test
    void logout_needs_the_csrf_token_and_ends_the_session() {
        ensureUser("br-logout", "odhlaseny-jezek-v-trave-1", "KULK", "MEMBER");
        Session s = login("br-logout", "odhlaseny-jezek-v-trave-1");
        anonymous().post().uri("/logout").cookie(SecurityConfiguration.SESSION_COOKIE, s.cookie()).exchange().expectStatus().isForbidden();
        assertThat(status(s, "/")).isEqualTo(200);

        anonymous().post().uri("/logout").cookie(SecurityConfiguration.SESSION_COOKIE, s.cookie())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("_csrf=" + s.csrf()).exchange()
                .expectStatus().isFound().expectHeader().valueEquals("Location", "/login?logout");
        assertThat(status(s, "/")).isEqualTo(302);
    }
}
