package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

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
