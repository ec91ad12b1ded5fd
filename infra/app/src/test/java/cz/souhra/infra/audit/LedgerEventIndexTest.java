package cz.souhra.infra.audit;

import cz.souhra.query.audit.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import cz.souhra.infra.store.EmbeddedStore;

/**
 * The ledger reads a batch's stored events by event id, from a unique index it creates: on the durable
 * embedded store that index must be built over the events of a store from before it, and survive a restart.
 */
class LedgerEventIndexTest {

    @Test
    void given_a_durable_store_with_events_from_before_the_index_when_the_ledger_starts_then_it_chains_them_and_the_index_survives_a_restart() throws Exception {
        Path dir = Files.createTempDirectory("souhra-ledger-index");
        List<String[]> stored = new ArrayList<>();
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("souhra").getCollection("domainevents");
            for (int i = 0; i < 5; i++) {
                String aggregate = UUID.randomUUID().toString();
                String id = UUID.randomUUID().toString();
                events.insertOne(new Document("aggregateIdentifier", aggregate).append("type", "Measure").append("sequenceNumber", 0L)
                        .append("serializedPayload", "{\"percent\":" + i + "}").append("timestamp", "2026-03-01T09:00:0" + i + "Z")
                        .append("payloadType", "cz.souhra.shared.events.measure.ProgressReportedEvent").append("payloadRevision", "1")
                        .append("serializedMetaData", "{\"user\":\"novak\",\"institution\":\"KULK\",\"region\":\"LBK\"}")
                        .append("eventIdentifier", id));
                stored.add(new String[] {id, aggregate});
            }
        }
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase db = client.getDatabase("souhra");
            Ledger ledger = Ledger.over(db);
            Ledger.Batch batch = ledger.batch();
            batch.prefetch(stored.stream().map(e -> e[0]).toList());
            stored.forEach(e -> batch.append(e[0], e[1], 0));
            batch.flush();

            assertThat(ledger.entries("LBK")).extracting(LedgerEntry::eventId).containsExactlyElementsOf(stored.stream().map(e -> e[0]).toList());
            assertThat(new LedgerVerifier(ledger).verify((d, t) -> { }).ok()).isTrue();
        }
        try (EmbeddedStore store = EmbeddedStore.start(dir, "127.0.0.1", 0, false, 0);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("souhra").getCollection("domainevents");
            Document copy = events.find().first();
            copy.remove("_id");
            copy.put("aggregateIdentifier", UUID.randomUUID().toString());

            assertThatThrownBy(() -> events.insertOne(copy)).isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
    }
}
