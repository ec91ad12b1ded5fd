package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The timeline answers a tracking read with exactly the events a scan sorted by (timestamp, sequence) would
 * return first, whatever order the events arrived in, and for whichever event collection and field names
 * the client declares.
 */
class EventTimelineOrderTest {

    private static final EventCollection AXON_LIKE = new EventCollection("domainevents", "timestamp", "sequenceNumber", "eventIdentifier");

    @TempDir
    Path dir;

    @Test
    void given_events_arriving_late_and_with_equal_timestamps_when_read_from_any_point_then_the_selection_equals_a_sorted_scan() {
        Random random = new Random(35);
        EventTimeline timeline = new EventTimeline(AXON_LIKE);
        List<Document> stored = new ArrayList<>();
        long millis = 1_765_000_000_000L;
        for (int i = 0; i < 5_000; i++) {
            // mostly in order, a tenth up to 2 s late, many sharing a millisecond
            millis += random.nextInt(3);
            long at = random.nextInt(10) == 0 ? millis - random.nextInt(2_000) : millis;
            Document d = event(at, random.nextInt(40), UUID.randomUUID().toString());
            assertThat(timeline.add(d)).isTrue();
            stored.add(d);
        }
        List<Document> sorted = new ArrayList<>(stored);
        sorted.sort(Comparator.comparing((Document d) -> (String) d.get("timestamp"))
                .thenComparingLong(d -> ((Number) d.get("sequenceNumber")).longValue())
                .thenComparing(d -> (String) d.get("eventIdentifier")));
        assertThat(timeline.size()).isEqualTo(stored.size());

        for (int read = 0; read < 300; read++) {
            String from = read == 0 ? null : (String) stored.get(random.nextInt(stored.size())).get("timestamp");
            Set<String> known = new HashSet<>();
            for (int k = random.nextInt(20); k > 0; k--) {
                known.add((String) stored.get(random.nextInt(stored.size())).get("eventIdentifier"));
            }
            int batch = 1 + random.nextInt(250);
            List<Object> expected = sorted.stream()
                    .filter(d -> from == null || ((String) d.get("timestamp")).compareTo(from) >= 0)
                    .filter(d -> !known.contains(d.get("eventIdentifier")))
                    .limit(batch).map(d -> d.get("_id")).toList();

            Document filter = trackingFilter(from, known);
            Document rewritten = timeline.rewrite(filter, new Document("timestamp", 1).append("sequenceNumber", 1), batch);

            assertThat(rewritten).as("read %d", read).isNotNull();
            assertThat(((Document) rewritten.get("_id")).get("$in")).as("read %d from %s", read, from).isEqualTo(expected);
        }
    }

    @Test
    void given_a_document_of_another_form_when_added_then_it_is_refused_and_the_reads_are_left_to_the_scan() {
        EventTimeline timeline = new EventTimeline(AXON_LIKE);
        assertThat(timeline.add(event(1_765_000_000_000L, 0, UUID.randomUUID().toString()))).isTrue();

        // forms whose order the timeline would not keep the way the strings sort
        assertThat(timeline.add(event(1_765_000_000_000L, 1, "not-a-uuid"))).isFalse();
        assertThat(timeline.add(event(1_765_000_000_000L, 1, UUID.randomUUID().toString().toUpperCase()))).isFalse();
        Document shortTime = event(1_765_000_000_000L, 1, UUID.randomUUID().toString());
        shortTime.put("timestamp", "2025-12-06T05:46:40Z");
        assertThat(timeline.add(shortTime)).isFalse();
        Document otherId = event(1_765_000_000_000L, 1, UUID.randomUUID().toString());
        otherId.put("_id", "text");
        assertThat(timeline.add(otherId)).isFalse();
        assertThat(timeline.size()).isEqualTo(1);
        // a bound of another form cannot be placed in the order: not answered
        assertThat(timeline.rewrite(trackingFilter("2025-12-06T05:46:40Z", Set.of()), new Document("timestamp", 1).append("sequenceNumber", 1), 10))
                .isNull();
    }

    @Test
    void given_an_event_collection_the_client_names_when_tracked_then_the_reads_are_answered_from_the_timeline_in_order() {
        EventCollection ledger = new EventCollection("journal", "at", "n", "eventId");
        DurableH2Backend backend = DurableH2Backend.open(dir, false, 3_600_000, 0, ledger);
        try {
            List<String> inserted = new ArrayList<>();
            long millis = 1_765_000_000_000L;
            for (int i = 0; i < 40; i++) {
                // every fourth one arrives after a later one
                long at = i % 4 == 3 ? millis - 5 : millis + i;
                String id = UUID.randomUUID().toString();
                Document d = new Document("_id", new ObjectId()).append("at", iso(at)).append("n", 0L).append("eventId", id);
                insert(backend, "journal", d);
                inserted.add(id);
            }
            find(backend, "journal", new Document(), 5); // the first tracking read builds the timeline
            long before = backend.timelineReadCount();

            List<Document> page = find(backend, "journal", new Document("at", new Document("$gte", iso(millis + 10))), 6);

            assertThat(backend.timelineReadCount()).isEqualTo(before + 1);
            assertThat(page).hasSize(6);
            assertThat(page).extracting(d -> (String) d.get("at")).isSorted().allMatch(at -> at.compareTo(iso(millis + 10)) >= 0);
            // another collection with the same fields is scanned, not answered from the timeline
            insert(backend, "other", new Document("_id", new ObjectId()).append("at", iso(millis)).append("n", 0L).append("eventId", "x"));
            find(backend, "other", new Document(), 5);
            assertThat(backend.timelineReadCount()).isEqualTo(before + 1);
        } finally {
            backend.close();
        }
    }

    private static Document trackingFilter(String from, Set<String> known) {
        List<Document> and = new ArrayList<>();
        if (from != null) {
            and.add(new Document("timestamp", new Document("$gte", from)));
        }
        and.add(new Document("eventIdentifier", new Document("$nin", new ArrayList<>(known))));
        return new Document("$and", and);
    }

    private static Document event(long millis, long sequence, String eventId) {
        return new Document("_id", new ObjectId()).append("timestamp", iso(millis)).append("sequenceNumber", sequence)
                .append("eventIdentifier", eventId);
    }

    private static String iso(long millis) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochMilli(millis));
    }

    private static void insert(DurableH2Backend backend, String collection, Document d) {
        Document result = backend.handleCommand(new EmbeddedChannel(), "souhra", "insert",
                new Document("insert", collection).append("documents", List.of(d)).append("$db", "souhra"));
        assertThat(result.get("writeErrors")).isNull();
    }

    @SuppressWarnings("unchecked")
    private static List<Document> find(DurableH2Backend backend, String collection, Document filter, int batch) {
        Document result = backend.handleCommand(new EmbeddedChannel(), "souhra", "find", new Document("find", collection)
                .append("filter", filter).append("sort", new Document("at", 1).append("n", 1)).append("batchSize", batch).append("$db", "souhra"));
        return (List<Document>) ((Document) result.get("cursor")).get("firstBatch");
    }
}
