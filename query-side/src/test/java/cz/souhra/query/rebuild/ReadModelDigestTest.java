package cz.souhra.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The rebuild compares two generations a collection at a time; its digests and first difference must be
 * exactly those of digesting each generation whole and walking both for the first difference.
 */
class ReadModelDigestTest {

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase db;
    private int generations;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        db = client.getDatabase("souhra");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private Map<String, MongoCollection<Document>> generation(String suffix, Map<String, List<Document>> content) {
        Map<String, MongoCollection<Document>> out = new TreeMap<>();
        generations++;
        content.forEach((name, docs) -> {
            MongoCollection<Document> c = db.getCollection(name + suffix + generations);
            if (!docs.isEmpty()) {
                c.insertMany(docs.stream().map(d -> new Document(d)).toList());
            }
            out.put(name, c);
        });
        return out;
    }

    private static List<Document> docs(int n, String changedId, int changedPercent) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> {
            String id = "m-" + String.format("%03d", i);
            return new Document("_id", id).append("percent", id.equals(changedId) ? changedPercent : i % 101).append("owner", "UPLB");
        }).toList();
    }

    private void assertSameAsWhole(Map<String, List<Document>> left, Map<String, List<Document>> right) {
        Map<String, MongoCollection<Document>> l = generation("_l", left);
        Map<String, MongoCollection<Document>> r = generation("_r", right);

        ReadModelDigest.Comparison c = ReadModelDigest.compare(l, r);

        Map<String, List<Document>> leftRead = new TreeMap<>();
        Map<String, List<Document>> rightRead = new TreeMap<>();
        l.forEach((n, coll) -> leftRead.put(n, ReadModelDigest.sorted(coll)));
        r.forEach((n, coll) -> rightRead.put(n, ReadModelDigest.sorted(coll)));
        assertThat(c.left()).isEqualTo(ReadModelDigest.of(l));
        assertThat(c.right()).isEqualTo(ReadModelDigest.of(r));
        assertThat(c.first()).isEqualTo(ReadModelDigest.firstDifference(leftRead, rightRead));
    }

    @Test
    void given_equal_generations_when_compared_then_equal_digests_and_no_difference() {
        Map<String, List<Document>> content = Map.of("event_history", docs(120, null, 0), "measure_status", docs(30, null, 0), "meetings", List.of());
        assertSameAsWhole(content, content);
        assertThat(ReadModelDigest.compare(generation("_a", content), generation("_b", content)).first()).isNull();
    }

    @Test
    void given_generations_differing_in_a_later_collection_by_a_value_a_missing_and_an_extra_document_then_the_same_first_difference() {
        assertSameAsWhole(Map.of("event_history", docs(120, null, 0), "measure_status", docs(30, "m-017", 5)),
                Map.of("event_history", docs(120, null, 0), "measure_status", docs(30, "m-017", 6)));
        assertSameAsWhole(Map.of("a", docs(10, null, 0), "b", docs(10, null, 0)), Map.of("a", docs(10, null, 0), "b", docs(9, null, 0)));
        assertSameAsWhole(Map.of("a", docs(10, null, 0), "b", docs(9, null, 0)), Map.of("a", docs(11, null, 0), "b", docs(10, null, 0)));
    }
}
