package cz.souhra.infra.security;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * With {@code souhra.security.account-cache} at a second (off by default; the shared security context sets it), the accounts a request reads are kept that long. A change made in
 * this process clears its entry, so it is refused at the next request; a change another process wrote to the
 * shared store is seen once that second has passed.
 */
class AccountCacheTest extends SecuredApplicationTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    cz.souhra.query.TestClock clock;

    @Test
    void given_a_cached_account_when_another_process_disables_it_in_the_store_then_it_is_refused_once_the_cache_time_has_passed() {
        ensureUser("ac-elsewhere", "jinde-sova-na-louce-1", "KULK", "MEMBER");
        as("ac-elsewhere", "jinde-sova-na-louce-1").get().uri("/api/me").exchange().expectStatus().isOk();

        // what another Souhra process's user projection would write to the shared store
        mongo.getCollection(UserStore.COLLECTION).updateOne(Filters.eq("_id", "ac-elsewhere"), Updates.set("disabled", true));
        as("ac-elsewhere", "jinde-sova-na-louce-1").get().uri("/api/me").exchange().expectStatus().isOk();

        clock.advance(Duration.ofMillis(1_001));
        as("ac-elsewhere", "jinde-sova-na-louce-1").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void given_a_cached_account_when_its_role_is_revoked_here_then_the_next_request_is_refused_without_waiting() {
        ensureUser("ac-revoked", "odvolana-sova-na-louce-1", "KULK", "MEMBER");
        as("ac-revoked", "odvolana-sova-na-louce-1").get().uri("/api/issues").exchange().expectStatus().isOk();
        as("ac-revoked", "odvolana-sova-na-louce-1").post().uri("/api/issues").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isBadRequest();

        admin().delete().uri("/api/admin/users/ac-revoked/roles/MEMBER").exchange().expectStatus().isAccepted();

        // writes need a role now gone; the clock has not moved, so this is not the cache expiring
        as("ac-revoked", "odvolana-sova-na-louce-1").post().uri("/api/issues").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void given_a_cached_account_when_it_changes_its_password_then_the_old_password_is_refused_at_the_next_request() {
        ensureUser("ac-password", "stara-sova-na-louce-1", "KULK", "MEMBER");
        as("ac-password", "stara-sova-na-louce-1").get().uri("/api/me").exchange().expectStatus().isOk();

        as("ac-password", "stara-sova-na-louce-1").post().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", "stara-sova-na-louce-1", "newPassword", "nova-Sova-na-pasece-2"))
                .exchange().expectStatus().isAccepted();

        as("ac-password", "stara-sova-na-louce-1").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
        as("ac-password", "nova-Sova-na-pasece-2").get().uri("/api/me").exchange().expectStatus().isOk();
    }

    @Test
    void an_unknown_name_is_not_remembered_so_an_account_created_in_the_store_logs_in_at_once() {
        as("ac-later", "pozdeji-sova-na-louce-1").get().uri("/api/me").exchange().expectStatus().isUnauthorized();
        ensureUser("ac-later", "pozdeji-sova-na-louce-1", "KULK", "MEMBER");
        as("ac-later", "pozdeji-sova-na-louce-1").get().uri("/api/me").exchange().expectStatus().isOk();
    }
}
