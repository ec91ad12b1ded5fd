package cz.souhra.query.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.bson.Document;

/** Views held in memory: the as-of replay and the first pass of a rebuild fold into this. */
public final class MemoryViews implements ReadableViews {

    private final Map<String, Map<String, Document>> collections = new TreeMap<>();
    /**
     * Documents made here by a merge, which later merges may change in place: copying a document for each
     * merge made a rebuild quadratic in the size of a busy subject's day in the history's subject index.
     * Documents a fold handed over whole are copied before their first merge, as the fold may still hold them.
     */
    private final Set<Document> merged = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public Document get(String collection, String id) {
        Map<String, Document> c = collections.get(collection);
        return c == null ? null : c.get(id);
    }

    public void apply(List<Projector.Write> writes) {
        for (Projector.Write w : writes) {
            Map<String, Document> c = collections.computeIfAbsent(w.collection(), k -> new TreeMap<>());
            Document stored = c.get(w.id());
            if (!w.merge()) {
                c.put(w.id(), w.document());
            } else if (stored != null && merged.contains(stored)) {
                stored.putAll(w.document());
            } else {
                Document next = new Document(stored == null ? Map.of() : stored);
                next.putAll(w.document());
                merged.add(next);
                c.put(w.id(), next);
            }
        }
    }

    public void fold(Projector p, Object payload, EventMeta meta) {
        apply(p.fold(this, payload, meta));
    }

    /** Documents of one collection in {@code _id} order. */
    @Override
    public List<Document> all(String collection) {
        return new ArrayList<>(collections.getOrDefault(collection, Map.of()).values());
    }

    @Override
    public List<Document> where(String collection, String field, Object value) {
        List<Document> out = new ArrayList<>();
        for (Document d : collections.getOrDefault(collection, Map.of()).values()) {
            if (Objects.equals(d.get(field), value)) {
                out.add(d);
            }
        }
        return out;
    }

    public Map<String, Document> byId(String collection) {
        return collections.getOrDefault(collection, Map.of());
    }
}
