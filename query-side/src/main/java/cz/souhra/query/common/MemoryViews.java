package cz.souhra.query.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

/** Views held in memory: the as-of replay and the first pass of a rebuild fold into this. */
public final class MemoryViews implements ViewLookup {

    private final Map<String, Map<String, Document>> collections = new TreeMap<>();

    @Override
    public Document get(String collection, String id) {
        Map<String, Document> c = collections.get(collection);
        return c == null ? null : c.get(id);
    }

    public void apply(List<Projector.Write> writes) {
        for (Projector.Write w : writes) {
            collections.computeIfAbsent(w.collection(), k -> new TreeMap<>()).put(w.id(), w.document());
        }
    }

    public void fold(Projector p, Object payload, EventMeta meta) {
        apply(p.fold(this, payload, meta));
    }

    /** Documents of one collection in {@code _id} order. */
    public List<Document> all(String collection) {
        return new ArrayList<>(collections.getOrDefault(collection, Map.of()).values());
    }

    public Map<String, Document> byId(String collection) {
        return collections.getOrDefault(collection, Map.of());
    }
}
