package cz.souhra.infra.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The order in which tracking processors read the event collection — by {@code timestamp}, then
 * {@code sequenceNumber} — kept in memory by the store, because mongo-java-server has no ordered indexes
 * (it ignores the compound index Axon asks for) and answered every tracking read with a scan and a sort
 * of the whole collection. At 20k events one read took tens of milliseconds and held the collection lock
 * against appends; the cost grew with every event ever stored.
 *
 * <p>With the timeline, such a read is rewritten to the same query on the exact {@code _id}s of the
 * events it would return, which the unique {@code _id} index answers directly. The timeline is built from
 * one scan at the first tracking read, extended by every insert into the event collection (the store sees
 * the writes of every process, since all of them go through this server), and dropped — to be rebuilt at
 * the next read — by any other write to that collection. A read racing an insert may miss an event that
 * became visible a moment earlier; the tracking lookback window reads it again, as it does for a writer
 * whose insert lands late on a real MongoDB.
 */
final class EventTimeline {

    static final String COLLECTION = "domainevents";
    private static final String TIMESTAMP = "timestamp";
    private static final String SEQUENCE = "sequenceNumber";
    private static final String EVENT_ID = "eventIdentifier";

    private record Key(String timestamp, long sequence, String eventId) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = timestamp.compareTo(o.timestamp);
            if (c != 0) {
                return c;
            }
            c = Long.compare(sequence, o.sequence);
            return c != 0 ? c : eventId.compareTo(o.eventId);
        }
    }

    private final ConcurrentSkipListMap<Key, Object> ids = new ConcurrentSkipListMap<>();

    /** From every document of the collection; false if one of them does not look like an Axon event. */
    static EventTimeline of(Iterable<Document> documents) {
        EventTimeline t = new EventTimeline();
        for (Document d : documents) {
            if (!t.add(d)) {
                return null;
            }
        }
        return t;
    }

    boolean add(Document d) {
        Key key = key(d);
        if (key == null || d.get("_id") == null) {
            return false;
        }
        ids.put(key, d.get("_id"));
        return true;
    }

    int size() {
        return ids.size();
    }

    private static Key key(Document d) {
        return d.get(TIMESTAMP) instanceof String ts && d.get(SEQUENCE) instanceof Number seq && d.get(EVENT_ID) instanceof String id
                ? new Key(ts, seq.longValue(), id) : null;
    }

    /**
     * The filter that selects exactly the first {@code batch} events a tracking read would return, or null
     * if the query is not a tracking read this timeline can answer. Axon's tracking read is
     * {@code timestamp >= t} (absent on the first read) and {@code eventIdentifier} not among the ones the
     * token already holds, sorted by timestamp and sequence, read until a batch is full.
     */
    Document rewrite(Document filter, Object sort, int batch) {
        if (batch <= 0 || !isTrackingSort(sort)) {
            return null;
        }
        List<Document> parts = new ArrayList<>();
        if (filter != null && filter.containsKey("$and")) {
            if (filter.size() != 1 || !(filter.get("$and") instanceof Collection<?> and)) {
                return null;
            }
            for (Object o : and) {
                if (!(o instanceof Document part)) {
                    return null;
                }
                parts.add(part);
            }
        } else if (filter != null) {
            filter.forEach((k, v) -> parts.add(new Document(k, v)));
        }
        String from = null;
        Set<Object> known = Set.of();
        for (Document part : parts) {
            for (Map.Entry<String, Object> e : part.entrySet()) {
                if (!(e.getValue() instanceof Document op) || op.size() != 1) {
                    return null;
                }
                if (e.getKey().equals(TIMESTAMP) && op.get("$gte") instanceof String ts && from == null) {
                    from = ts;
                } else if (e.getKey().equals(EVENT_ID) && op.get("$nin") instanceof Collection<?> nin && known.isEmpty()) {
                    known = new HashSet<>(nin);
                } else {
                    return null;
                }
            }
        }
        var tail = from == null ? ids : ids.tailMap(new Key(from, Long.MIN_VALUE, ""), true);
        List<Object> selected = new ArrayList<>(batch);
        for (Map.Entry<Key, Object> e : tail.entrySet()) {
            if (!known.contains(e.getKey().eventId())) {
                selected.add(e.getValue());
                if (selected.size() == batch) {
                    break;
                }
            }
        }
        return new Document("_id", new Document("$in", selected));
    }

    static boolean isTrackingSort(Object sort) {
        if (!(sort instanceof Document s) || s.size() != 2) {
            return false;
        }
        var keys = new ArrayList<>(s.keySet());
        return keys.get(0).equals(TIMESTAMP) && keys.get(1).equals(SEQUENCE)
                && s.get(TIMESTAMP) instanceof Number a && a.intValue() == 1 && s.get(SEQUENCE) instanceof Number b && b.intValue() == 1;
    }
}
