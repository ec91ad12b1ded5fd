package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Over the API: an administrator's reset answers a one-time password once; with it the account may do
 * nothing but choose its own password (403 PASSWORD_CHANGE_REQUIRED), after which it works as before. A
 * disabled account is enabled again with its roles; enabling one that is not disabled is a 409.
 */
class PasswordResetAndEnableTest extends SecuredApplicationTest {

    static final String PW = "Reset-Heslo-pod-lipou-";

    @Test
    @SuppressWarnings("unchecked")
    void a_reset_password_opens_only_the_password_change_and_the_chosen_one_works_after_it() {
        ensureUser("rs-clen", PW + "1", "RSUP", "MEMBER");
        Map<String, Object> answer = admin().post().uri("/api/admin/users/rs-clen/password-reset").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String oneTime = String.valueOf(answer.get("oneTimePassword"));
        assertThat(oneTime).hasSize(20);
        // the old password no longer works; the one-time one reaches only /api/me
        as("rs-clen", PW + "1").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
        as("rs-clen", oneTime).get().uri("/api/me").exchange().expectStatus().isOk();
        as("rs-clen", oneTime).get().uri("/api/measures").exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("PASSWORD_CHANGE_REQUIRED");
        assertThat(admin().get().uri("/api/admin/users/rs-clen").exchange().expectBody(Map.class).returnResult().getResponseBody())
                .containsEntry("mustChangePassword", true);
        as("rs-clen", oneTime).post().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", oneTime, "newPassword", PW + "vlastni-2")).exchange().expectStatus().isAccepted();
        as("rs-clen", PW + "vlastni-2").get().uri("/api/measures").exchange().expectStatus().isOk();
        assertThat(admin().get().uri("/api/admin/users/rs-clen").exchange().expectBody(Map.class).returnResult().getResponseBody())
                .containsEntry("mustChangePassword", false);
    }

    @Test
    void a_disabled_account_is_enabled_again_with_its_roles_and_enabling_an_active_one_is_a_conflict() {
        ensureUser("rs-auditor", PW + "3", null, "AUDITOR");
        admin().post().uri("/api/admin/users/rs-auditor/disable").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\":\"odchod\"}")
                .exchange().expectStatus().isAccepted();
        as("rs-auditor", PW + "3").get().uri("/api/audit/events").exchange().expectStatus().isUnauthorized();
        admin().post().uri("/api/admin/users/rs-auditor/enable").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\":\"návrat\"}")
                .exchange().expectStatus().isAccepted();
        as("rs-auditor", PW + "3").get().uri("/api/audit/events").exchange().expectStatus().isOk();
        admin().post().uri("/api/admin/users/rs-auditor/enable").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("USER_NOT_DISABLED");
        // only an administrator
        as("rs-auditor", PW + "3").post().uri("/api/admin/users/rs-auditor/password-reset").exchange().expectStatus().isForbidden();
    }
}
