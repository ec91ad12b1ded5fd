package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import cz.souhra.shared.MetaKeys;

/**
 * The user and institution on every stored event are the authenticated caller's, whatever the request
 * body claims; account events name the administrator who made the change.
 */
class ActorMetadataTest extends SecuredApplicationTest {

    @Autowired
    EventStore events;

    @Test
    void stored_event_names_the_authenticated_member_even_when_the_body_claims_another_user_and_institution() {
        admin().post().uri("/api/institutions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"AMUP\",\"region\":\"LBK\",\"kind\":\"LABOUR_OFFICE\",\"name\":\"Úřad práce\"}").exchange();
        ensureUser("am-member", "clensky-kos-v-kose-1", "AMUP", "MEMBER");

        @SuppressWarnings("unchecked")
        Map<String, Object> created = as("am-member", "clensky-kos-v-kose-1").post().uri("/api/issues")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-User", "admin").header("X-Institution", "KRPL")
                .bodyValue("{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Napětí u ubytovny\",\"observedOn\":\"2026-02-20\","
                        + "\"user\":\"admin\",\"institution\":\"KRPL\",\"actor\":{\"user\":\"admin\",\"institution\":\"KRPL\",\"roles\":[\"ADMIN\"]}}")
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();

        List<? extends DomainEventMessage<?>> stored = events.readEvents((String) created.get("id")).asStream().toList();
        assertThat(stored).isNotEmpty();
        for (DomainEventMessage<?> e : stored) {
            assertThat(e.getMetaData().get(MetaKeys.USER)).isEqualTo("am-member");
            assertThat(e.getMetaData().get(MetaKeys.INSTITUTION)).isEqualTo("AMUP");
        }
    }

    @Test
    void account_events_record_which_administrator_granted_what_to_whom_and_never_the_password() {
        ensureUser("am-granted", "prideleny-kos-v-kose-1", "AMUP", "MEMBER");
        String body = body("PS metadata");
        admin().post().uri("/api/admin/users/am-granted/roles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"role\":\"SECRETARY\",\"bodyId\":\"" + body + "\"}").exchange().expectStatus().isAccepted();
        admin().post().uri("/api/admin/users/am-granted/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"password\":\"prideleny-kos-v-kose-2\"}").exchange().expectStatus().isAccepted();

        List<? extends DomainEventMessage<?>> stored = events.readEvents("am-granted").asStream().toList();
        assertThat(stored).extracting(e -> e.getPayloadType().getSimpleName())
                .containsExactly("UserRegisteredEvent", "RoleGrantedEvent", "PasswordChangedEvent");
        for (DomainEventMessage<?> e : stored) {
            assertThat(e.getMetaData().get(MetaKeys.USER)).isEqualTo("admin");
            assertThat(e.getPayload().toString()).doesNotContain("heslo");
            assertThat(e.getTimestamp()).isNotNull();
        }
        as("am-granted", "prideleny-kos-v-kose-2").get().uri("/api/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.secretaryOf[0]").isEqualTo(body).jsonPath("$.institution").isEqualTo("AMUP");
        as("am-granted", "prideleny-kos-v-kose-1").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void a_disabled_account_can_no_longer_log_in_and_a_revoked_body_leaves_no_secretary_right() {
        ensureUser("am-disabled", "zablokovany-kos-v-kose-1", "AMUP", "MEMBER");
        String body = body("PS zrušených práv");
        admin().post().uri("/api/admin/users/am-disabled/roles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"role\":\"SECRETARY\",\"bodyId\":\"" + body + "\"}").exchange().expectStatus().isAccepted();
        admin().delete().uri("/api/admin/users/am-disabled/roles/SECRETARY?bodyId=" + body).exchange().expectStatus().isAccepted();
        as("am-disabled", "zablokovany-kos-v-kose-1").get().uri("/api/me").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.roles.length()").isEqualTo(1).jsonPath("$.roles[0]").isEqualTo("MEMBER");

        admin().post().uri("/api/admin/users/am-disabled/disable").exchange().expectStatus().isAccepted();
        as("am-disabled", "zablokovany-kos-v-kose-1").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void everyone_changes_their_own_password_with_the_current_one_auditors_included() {
        ensureUser("am-auditor", "metadata-kos-v-kose-1", null, "AUDITOR");
        var auditor = as("am-auditor", "metadata-kos-v-kose-1");
        auditor.post().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentPassword\":\"wrong-wrong-wrong\",\"newPassword\":\"metadata-kos-v-kose-2\"}").exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("WRONG_PASSWORD");
        auditor.post().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentPassword\":\"metadata-kos-v-kose-1\",\"newPassword\":\"admin\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("WEAK_PASSWORD")
                .jsonPath("$.reason").isEqualTo("TOO_SHORT").jsonPath("$.field").isEqualTo("newPassword");
        auditor.post().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "en")
                .bodyValue("{\"currentPassword\":\"metadata-kos-v-kose-1\",\"newPassword\":\"AM-AUDITORam-auditor\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.reason").isEqualTo("USER_NAME")
                .jsonPath("$.detail").isEqualTo("The password must not be the user name or a repetition of it.")
                .jsonPath("$.messageCs").isEqualTo("Heslo nesmí být uživatelské jméno ani jeho opakování.");
        auditor.post().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentPassword\":\"metadata-kos-v-kose-1\",\"newPassword\":\"metadata-kos-v-kose-2\"}").exchange()
                .expectStatus().isAccepted();
        as("am-auditor", "metadata-kos-v-kose-2").get().uri("/api/me").exchange().expectStatus().isOk();
    }

    @Test
    void admin_api_refusals_are_problems() {
        admin().post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":\"system\",\"password\":\"systemovy-ucet-za-branou-123\",\"roles\":[\"ADMIN\"]}").exchange()
                .expectStatus().isBadRequest().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        admin().post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":\"admin\",\"password\":\"druhy-spravce-u-tisu-9\",\"roles\":[\"ADMIN\"]}").exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("USER_EXISTS");
        admin().post().uri("/api/admin/users/nobody-here/roles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"role\":\"AUDITOR\"}").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("USER_NOT_FOUND");
        admin().post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":\"weak-one\",\"password\":\"password\",\"roles\":[\"AUDITOR\"]}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("WEAK_PASSWORD");
        admin().post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"user\":\"no-institution\",\"password\":\"member-bez-instituce\",\"roles\":[\"MEMBER\"]}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("REQUIRED");
    }

    /** A body to grant a secretary right for: a granted body must exist. */
    @SuppressWarnings("unchecked")
    private String body(String name) {
        java.util.Map<String, Object> created = admin().post().uri("/api/bodies").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"" + name + "\"}").exchange()
                .expectStatus().isCreated().expectBody(java.util.Map.class).returnResult().getResponseBody();
        return String.valueOf(created.get("id"));
    }
}
