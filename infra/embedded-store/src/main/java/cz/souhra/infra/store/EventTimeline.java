package cz.souhra.infra.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The order in which tracking processors read the event collection — by the timestamp field, then the
 * sequence field — kept in memory by the store, because mongo-java-server has no ordered indexes (it
 * ignores the compound index a client asks for) and answered every tracking read with a scan and a sort
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
 *
 * <p>It holds 44 bytes per event in parallel primitive arrays, sorted: the timestamp as the digits of its
 * fixed-width ISO-8601 form (their numeric order is the strings' order), the sequence, the event id as
 * the two halves of its UUID (unsigned order is the order of its lower-case text) and the 12 bytes of the
 * document's ObjectId. As objects in a sorted map the same key took about 350 bytes, which at 10k
 * commands was a fifth of the heap's growth. Events arrive almost always in timestamp order, so an insert
 * is an append; a late one shifts the few entries after it. A document whose fields have other forms
 * makes the collection unanswerable by the timeline, and its reads are scanned as before.
 */
final class EventTimeline {

    private final EventCollection fields;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // guarded by lock; entry i is (timestamps[i], sequences[i], idHigh[i], idLow[i]) -> (oidHigh[i], oidLow[i])
    private long[] timestamps = new long[1024];
    private long[] sequences = new long[1024];
    private long[] idHigh = new long[1024];
    private long[] idLow = new long[1024];
    private long[] oidHigh = new long[1024];
    private int[] oidLow = new int[1024];
    private int size;

    EventTimeline(EventCollection fields) {
        this.fields = fields;
    }

    /** From every document of the collection; null if one of them does not have the forms the timeline keeps. */
    static EventTimeline of(EventCollection fields, Iterable<Document> documents) {
        EventTimeline t = new EventTimeline(fields);
        for (Document d : documents) {
            if (!t.add(d)) {
                return null;
            }
        }
        return t;
    }

    String collection() {
        return fields.collection();
    }

    /** Adds the document's entry; false (and nothing added) if its fields do not have the forms the timeline keeps. */
    boolean add(Document d) {
        if (!(d.get(fields.timestampField()) instanceof String ts) || !(d.get(fields.sequenceField()) instanceof Number seq)
                || !(d.get(fields.eventIdField()) instanceof String eventId) || !(d.get("_id") instanceof ObjectId oid)) {
            return false;
        }
        long time = timestamp(ts);
        UUID id = uuid(eventId);
        if (time < 0 || id == null || !isIntegral(seq)) {
            return false;
        }
        ByteBuffer bytes = ByteBuffer.wrap(oid.toByteArray());
        long sequence = seq.longValue();
        lock.writeLock().lock();
        try {
            int at = search(time, sequence, id.getMostSignificantBits(), id.getLeastSignificantBits());
            if (at < 0) {
                at = -at - 1;
                if (size == timestamps.length) {
                    grow();
                }
                int after = size - at;
                if (after > 0) {
                    System.arraycopy(timestamps, at, timestamps, at + 1, after);
                    System.arraycopy(sequences, at, sequences, at + 1, after);
                    System.arraycopy(idHigh, at, idHigh, at + 1, after);
                    System.arraycopy(idLow, at, idLow, at + 1, after);
                    System.arraycopy(oidHigh, at, oidHigh, at + 1, after);
                    System.arraycopy(oidLow, at, oidLow, at + 1, after);
                }
                timestamps[at] = time;
                sequences[at] = sequence;
                idHigh[at] = id.getMostSignificantBits();
                idLow[at] = id.getLeastSignificantBits();
                size++;
            }
            oidHigh[at] = bytes.getLong();
            oidLow[at] = bytes.getInt();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bytes the entries' arrays take (for tests and the bench): they hold no object per event. */
    long arrayBytes() {
        lock.readLock().lock();
        try {
            return (long) timestamps.length * (5 * Long.BYTES + Integer.BYTES);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void grow() {
        int capacity = timestamps.length + (timestamps.length >> 1);
        timestamps = Arrays.copyOf(timestamps, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        idHigh = Arrays.copyOf(idHigh, capacity);
        idLow = Arrays.copyOf(idLow, capacity);
        oidHigh = Arrays.copyOf(oidHigh, capacity);
        oidLow = Arrays.copyOf(oidLow, capacity);
    }

    /** The index of the key, or {@code -(insertion point) - 1}; the common case, a key after the last, costs one compare. */
    private int search(long time, long sequence, long high, long low) {
        if (size == 0 || compare(size - 1, time, sequence, high, low) < 0) {
            return -size - 1;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(mid, time, sequence, high, low);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    private int compare(int i, long time, long sequence, long high, long low) {
        int c = Long.compare(timestamps[i], time);
        if (c == 0) {
            c = Long.compare(sequences[i], sequence);
        }
        if (c == 0) {
            c = Long.compareUnsigned(idHigh[i], high);
        }
        return c != 0 ? c : Long.compareUnsigned(idLow[i], low);
    }

    /** The first index whose timestamp is at least {@code time}. */
    private int firstAtOrAfter(long time) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamps[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The filter that selects exactly the first {@code batch} events a tracking read would return, or null
     * if the query is not a tracking read this timeline can answer. A tracking read is
     * {@code timestamp >= t} (absent on the first read) and the event id not among the ones the reader
     * already holds, sorted by timestamp and sequence, read until a batch is full.
     */
    Document rewrite(Document filter, Object sort, int batch) {
        if (batch <= 0 || !isTrackingSort(fields, sort)) {
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
        long from = -1;
        Set<UUID> known = Set.of();
        boolean knownGiven = false;
        for (Document part : parts) {
            for (Map.Entry<String, Object> e : part.entrySet()) {
                if (!(e.getValue() instanceof Document op) || op.size() != 1) {
                    return null;
                }
                if (e.getKey().equals(fields.timestampField()) && op.get("$gte") instanceof String ts && from < 0) {
                    from = timestamp(ts);
                    if (from < 0) {
                        return null;
                    }
                } else if (e.getKey().equals(fields.eventIdField()) && op.get("$nin") instanceof Collection<?> nin && !knownGiven) {
                    knownGiven = true;
                    known = new HashSet<>();
                    for (Object k : nin) {
                        // an id of another form than the stored ones excludes none of them
                        UUID id = k instanceof String s ? uuid(s) : null;
                        if (id != null) {
                            known.add(id);
                        }
                    }
                } else {
                    return null;
                }
            }
        }
        List<Object> selected = new ArrayList<>(Math.min(batch, 1024));
        ByteBuffer oid = ByteBuffer.allocate(12);
        lock.readLock().lock();
        try {
            for (int i = from < 0 ? 0 : firstAtOrAfter(from); i < size; i++) {
                if (known.isEmpty() || !known.contains(new UUID(idHigh[i], idLow[i]))) {
                    oid.clear();
                    oid.putLong(oidHigh[i]).putInt(oidLow[i]);
                    selected.add(new ObjectId(oid.array().clone()));
                    if (selected.size() == batch) {
                        break;
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return new Document("_id", new Document("$in", selected));
    }

    static boolean isTrackingSort(EventCollection fields, Object sort) {
        if (!(sort instanceof Document s) || s.size() != 2) {
            return false;
        }
        var keys = new ArrayList<>(s.keySet());
        return keys.get(0).equals(fields.timestampField()) && keys.get(1).equals(fields.sequenceField())
                && s.get(fields.timestampField()) instanceof Number a && a.intValue() == 1
                && s.get(fields.sequenceField()) instanceof Number b && b.intValue() == 1;
    }

    private static final String ISO_FORM = "0000-00-00T00:00:00.000Z";

    /**
     * The digits of a timestamp of the form {@code 2026-12-07T20:46:34.123Z} as one number, or -1 for any
     * other form. All strings of that form have their digits at the same places, so comparing the numbers
     * compares the strings.
     */
    static long timestamp(String s) {
        if (s.length() != ISO_FORM.length()) {
            return -1;
        }
        long digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (ISO_FORM.charAt(i) == '0') {
                if (c < '0' || c > '9') {
                    return -1;
                }
                digits = digits * 10 + (c - '0');
            } else if (c != ISO_FORM.charAt(i)) {
                return -1;
            }
        }
        return digits;
    }

    /** The UUID a lower-case canonical text names, or null for any other text (which then has no place in the order). */
    static UUID uuid(String s) {
        if (s.length() != 36) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
        }
        return UUID.fromString(s);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }
}
