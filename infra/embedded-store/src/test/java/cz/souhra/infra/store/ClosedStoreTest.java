package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The embedded store's port is open to every process on the machine; its data only to one that proves
 * the data directory's secret. A client without it gets the handshake and nothing else.
 */
class ClosedStoreTest {

    @TempDir
    Path dir;

    @Test
    void given_client_without_credentials_when_reading_or_writing_users_then_every_command_is_refused_and_nothing_is_written() {
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient owner = MongoClients.create(store.connectionString());
             MongoClient stranger = client("mongodb://127.0.0.1:" + store.address().getPort())) {
            owner.getDatabase("souhra").getCollection("users").insertOne(new Document("_id", "admin").append("roles", java.util.List.of("ADMIN")));

            var users = stranger.getDatabase("souhra").getCollection("users");
            assertThatThrownBy(() -> users.find().first()).isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(13));
            assertThatThrownBy(() -> users.insertOne(new Document("_id", "intruder").append("roles", java.util.List.of("ADMIN"))))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(13));
            assertThatThrownBy(() -> users.updateOne(new Document("_id", "admin"), new Document("$set", new Document("roles", java.util.List.of()))))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(13));
            assertThatThrownBy(() -> stranger.listDatabaseNames().into(new ArrayList<>()))
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(13));
            assertThatThrownBy(() -> stranger.getDatabase("souhra").drop())
                    .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(13));

            var stored = owner.getDatabase("souhra").getCollection("users");
            assertThat(stored.countDocuments()).isEqualTo(1);
            assertThat(stored.find().first().getList("roles", String.class)).containsExactly("ADMIN");
        }
    }

    @Test
    void given_client_with_a_wrong_secret_when_connecting_then_authentication_fails() {
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient guesser = MongoClients.create(settings("mongodb://127.0.0.1:" + store.address().getPort())
                     .credential(MongoCredential.createScramSha256Credential(StoreSecret.USER, "admin", "not-the-secret-of-this-directory".toCharArray()))
                     .build())) {
            assertThatThrownBy(() -> guesser.getDatabase("souhra").getCollection("users").find().first())
                    .isInstanceOf(MongoSecurityException.class);
        }
    }

    @Test
    void given_the_directory_secret_when_a_second_process_connects_then_it_reads_and_writes() {
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient second = MongoClients.create(EmbeddedStore.connectionString(dir, "127.0.0.1", store.address().getPort(), "souhra"))) {
            var users = second.getDatabase("souhra").getCollection("users");
            users.insertOne(new Document("_id", "anna"));
            assertThat(users.countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void given_a_new_data_directory_when_the_store_starts_then_the_secret_and_the_directory_are_its_owners_only() throws Exception {
        Path data = dir.resolve("data");
        try (EmbeddedStore store = EmbeddedStore.start(data, "127.0.0.1", 0, false, 0)) {
            Path secret = data.resolve(StoreSecret.FILE_NAME);
            assertThat(Files.readString(secret).trim()).hasSizeGreaterThanOrEqualTo(43).isEqualTo(StoreSecret.of(data));
            if (Files.getFileAttributeView(secret, PosixFileAttributeView.class) != null) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            }
        }
        // the same secret after a restart, so a second process's connection string stays valid
        String before = StoreSecret.of(data);
        try (EmbeddedStore again = EmbeddedStore.start(data, "127.0.0.1", 0, false, 0)) {
            assertThat(again.connectionString()).contains(StoreSecret.USER + ":" + before + "@");
        }
    }

    private static MongoClient client(String uri) {
        return MongoClients.create(settings(uri).build());
    }

    private static MongoClientSettings.Builder settings(String uri) {
        return MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS));
    }
}
