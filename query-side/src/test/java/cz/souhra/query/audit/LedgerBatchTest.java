package cz.souhra.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The ledger processor appends a tracking batch at a time: heads read once, entries and heads written at
 * the end, entries first. The chain must be the one single appends produce, and a crash between the
 * entries and the heads must not fork or renumber the chain when the batch is delivered again.
 */
class LedgerBatchTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> events;
    private MongoCollection<Document> entries;
    private MongoCollection<Document> heads;
    private Ledger ledger;
    private final List<String[]> stored = new ArrayList<>();
    private final List<String> eventIds = new ArrayList<>();
    private final AtomicInteger ledgerFinds = new AtomicInteger();
    private final AtomicInteger eventFinds = new AtomicInteger();

    @BeforeEach
    void sixStoredEvents() {
        server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.getLocalAddress().getPort()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("find") && "ledger".equals(event.getCommand().getString("find").getValue())) {
                            ledgerFinds.incrementAndGet();
                        }
                        if (event.getCommandName().equals("find") && "domainevents".equals(event.getCommand().getString("find").getValue())) {
                            eventFinds.incrementAndGet();
                        }
                    }
                }).build());
        MongoDatabase db = client.getDatabase("souhra");
        events = db.getCollection("domainevents");
        entries = db.getCollection("ledger");
        heads = db.getCollection("ledger_heads");
        ledger = new Ledger(db);
        Instant t = Instant.parse("2026-03-01T09:00:00Z");
        for (int i = 0; i < 6; i++) {
            String aggregate = UUID.randomUUID().toString();
            eventIds.add(UUID.randomUUID().toString());
            events.insertOne(new Document("aggregateIdentifier", aggregate).append("type", "Measure").append("sequenceNumber", 0L)
                    .append("serializedPayload", "{\"percent\":" + i + "}").append("timestamp", t.plusSeconds(i).toString())
                    .append("payloadType", "cz.souhra.shared.events.measure.ProgressReportedEvent").append("payloadRevision", "1")
                    .append("serializedMetaData", "{\"user\":\"novak\",\"institution\":\"KULK\",\"region\":\"LBK\"}")
                    .append("eventIdentifier", eventIds.get(i)));
            stored.add(new String[] {aggregate, "0"});
        }
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private List<LedgerEntry> appendInOneBatch(List<String[]> events) {
        Ledger.Batch batch = ledger.batch();
        // as the ledger processor does: the batch's events named first
        batch.prefetch(events.stream().map(e -> eventIds.get(stored.indexOf(e))).toList());
        List<LedgerEntry> out = new ArrayList<>();
        for (String[] e : events) {
            out.add(batch.append(eventIds.get(stored.indexOf(e)), e[0], Long.parseLong(e[1])));
        }
        batch.flush();
        return out;
    }

    @Test
    void given_a_batch_of_events_when_not_yet_flushed_then_nothing_of_it_is_stored() {
        Ledger.Batch batch = ledger.batch();
        stored.subList(0, 3).forEach(e -> batch.append(e[0], 0));

        assertThat(entries.countDocuments()).isZero();
        assertThat(heads.countDocuments()).isZero();
        batch.flush();
        assertThat(entries.countDocuments()).isEqualTo(3);
        assertThat(ledger.head("LBK").orElseThrow().position()).isEqualTo(3);
    }

    @Test
    void given_a_batch_of_events_when_flushed_then_the_chain_is_the_one_single_appends_produce() {
        List<LedgerEntry> batched = appendInOneBatch(stored.subList(0, 3));
        LedgerEntry single = ledger.append(stored.get(3)[0], 0);

        assertThat(batched).extracting(LedgerEntry::position).containsExactly(1L, 2L, 3L);
        assertThat(batched.get(1).previousChain()).isEqualTo(batched.get(0).chain());
        assertThat(batched.get(2).previousChain()).isEqualTo(batched.get(1).chain());
        assertThat(single.position()).isEqualTo(4);
        assertThat(single.previousChain()).isEqualTo(batched.get(2).chain());
        assertThat(ledger.head("LBK").orElseThrow().chain()).isEqualTo(single.chain());
        assertThat(new LedgerVerifier(ledger).verify((d, t) -> { }).ok()).isTrue();
    }

    @Test
    void given_a_crash_after_the_entries_before_the_heads_when_the_batch_is_delivered_again_then_the_chain_continues_unforked() {
        appendInOneBatch(stored.subList(0, 2));
        Document headBefore = heads.find(Filters.eq("_id", "LBK")).first();
        List<LedgerEntry> first = appendInOneBatch(stored.subList(2, 4));
        heads.replaceOne(Filters.eq("_id", "LBK"), headBefore); // the head write of that batch never happened

        List<LedgerEntry> again = appendInOneBatch(stored.subList(2, 6));

        assertThat(again.subList(0, 2)).isEqualTo(first);
        assertThat(again).extracting(LedgerEntry::position).containsExactly(3L, 4L, 5L, 6L);
        assertThat(again.get(2).previousChain()).isEqualTo(first.get(1).chain());
        assertThat(entries.countDocuments()).isEqualTo(6);
        assertThat(ledger.head("LBK").orElseThrow().position()).isEqualTo(6);
        assertThat(new LedgerVerifier(ledger).verify((d, t) -> { }).ok()).isTrue();
    }

    @Test
    void given_a_crash_after_the_entries_before_the_heads_when_a_late_event_comes_between_the_redelivered_ones_then_it_is_chained_after_them() {
        // The tracking stream delivers by timestamp: an event stored late with an earlier timestamp comes,
        // on redelivery, between events that were already chained. Numbering it from the stale head forked
        // the chain (two entries at one position; found by the kill -9 bench).
        appendInOneBatch(stored.subList(0, 1));
        Document headBefore = heads.find(Filters.eq("_id", "LBK")).first();
        List<LedgerEntry> first = appendInOneBatch(List.of(stored.get(1), stored.get(2), stored.get(3)));
        heads.replaceOne(Filters.eq("_id", "LBK"), headBefore); // the head write of that batch never happened

        List<LedgerEntry> again = appendInOneBatch(List.of(stored.get(1), stored.get(4), stored.get(2), stored.get(3)));

        assertThat(List.of(again.get(0), again.get(2), again.get(3))).isEqualTo(first);
        assertThat(again.get(1).position()).as("the late event").isEqualTo(5);
        assertThat(again.get(1).previousChain()).isEqualTo(first.get(2).chain());
        assertThat(ledger.head("LBK").orElseThrow().position()).isEqualTo(5);
        assertThat(new LedgerVerifier(ledger).verify((d, t) -> { }).ok()).isTrue();
    }

    @Test
    void given_a_redelivered_batch_when_its_events_are_prefetched_then_the_store_is_asked_once_which_are_chained() {
        List<LedgerEntry> first = appendInOneBatch(stored.subList(0, 4));
        ledgerFinds.set(0);
        eventFinds.set(0);

        List<LedgerEntry> again = appendInOneBatch(stored);

        assertThat(again.subList(0, 4)).isEqualTo(first);
        assertThat(again).extracting(LedgerEntry::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        // one prefetch, the head's chain-end probe, and no lookup per event (was one per event: 6 more)
        assertThat(ledgerFinds.get()).isEqualTo(2);
        // the six stored events in one query by event id (was one lookup by aggregate and sequence each)
        assertThat(eventFinds.get()).isEqualTo(1);
        assertThat(new LedgerVerifier(ledger).verify((d, t) -> { }).ok()).isTrue();
    }

    @Test
    void given_two_stored_events_sharing_an_id_when_the_ledger_starts_then_it_chains_reading_each_event_by_aggregate_and_sequence() {
        MongoDatabase other = client.getDatabase("shared_ids");
        MongoCollection<Document> otherEvents = other.getCollection("domainevents");
        String sharedId = UUID.randomUUID().toString();
        for (String[] e : stored.subList(0, 2)) {
            Document copy = events.find(Filters.eq("aggregateIdentifier", e[0])).first();
            copy.remove("_id");
            otherEvents.insertOne(copy.append("eventIdentifier", sharedId));
        }
        Ledger withoutIndex = new Ledger(other);
        eventFinds.set(0);

        Ledger.Batch batch = withoutIndex.batch();
        batch.prefetch(List.of(sharedId));
        LedgerEntry entry = batch.append(sharedId, stored.get(1)[0], 0);
        batch.flush();

        assertThat(entry.aggregateId()).isEqualTo(stored.get(1)[0]);
        assertThat(entry.position()).isEqualTo(1);
        assertThat(eventFinds.get()).as("no $in over ids without their index: the lookup by aggregate and sequence only").isEqualTo(1);
    }

    @Test
    void given_two_entries_for_one_position_when_stored_then_the_store_refuses_the_second() {
        appendInOneBatch(stored.subList(0, 2));
        Document copy = entries.find(Filters.eq("position", 2L)).first();
        copy.put("_id", "another-event");

        assertThatThrownBy(() -> entries.insertOne(copy)).isInstanceOf(com.mongodb.MongoWriteException.class).hasMessageContaining("duplicate key");
    }
}
