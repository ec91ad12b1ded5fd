package cz.souhra.query.common;

import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Where each read model lives now. A rebuild writes generation n+1 into shadow collections while
 * readers and the live projection keep using generation n; the switch is one replace of one document
 * ({@value #GENERATIONS}/{@code active}), which is atomic even on the embedded store without
 * transactions. Generation 0 is the bare logical name, so a store that was never rebuilt looks as
 * before.
 */
@Component
public class ReadModels {

    public static final String GENERATIONS = "read_model_generations";
    private static final String ACTIVE = "active";
    /** Other query nodes learn about a switch within this time. */
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final MongoTemplate mongo;
    private volatile Map<String, Long> cached;
    private volatile long cachedAt;

    public ReadModels(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public MongoCollection<Document> collection(String logical) {
        return mongo.getCollection(physical(logical, generation(logical)));
    }

    public MongoCollection<Document> collection(String logical, long generation) {
        return mongo.getCollection(physical(logical, generation));
    }

    public static String physical(String logical, long generation) {
        return generation == 0 ? logical : logical + "__g" + generation;
    }

    public long generation(String logical) {
        return generations().getOrDefault(logical, 0L);
    }

    public Map<String, Long> generations() {
        Map<String, Long> g = cached;
        if (g == null || System.nanoTime() - cachedAt > REFRESH_NANOS) {
            g = load();
            cached = g;
            cachedAt = System.nanoTime();
        }
        return g;
    }

    private Map<String, Long> load() {
        Document d = mongo.getCollection(GENERATIONS).find(Filters.eq("_id", ACTIVE)).first();
        Map<String, Long> out = new TreeMap<>();
        if (d != null && d.get("generations") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), ((Number) v).longValue()));
        }
        return out;
    }

    /** Makes the given generations active in one write; readers see all of them or none. */
    public synchronized void switchTo(Map<String, Long> next) {
        Map<String, Long> all = new TreeMap<>(load());
        all.putAll(next);
        mongo.getCollection(GENERATIONS).replaceOne(Filters.eq("_id", ACTIVE), new Document("_id", ACTIVE).append("generations", new Document(new TreeMap<>(all))),
                new ReplaceOptions().upsert(true));
        cached = all;
        cachedAt = System.nanoTime();
    }

    /** The views of the active generation, for a fold to read and the live writer to write. */
    public MongoViews active() {
        return new MongoViews(l -> collection(l));
    }

    public MongoViews of(Map<String, Long> generations) {
        return new MongoViews(l -> collection(l, generations.containsKey(l) ? generations.get(l) : generation(l)));
    }
}
