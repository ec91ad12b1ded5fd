package cz.souhra.infra.store;

import java.util.concurrent.atomic.AtomicReferenceArray;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * Key type of mongo-java-server's unique-index maps: the same stored form and the same order as H2's
 * default {@link ObjectDataType}, only faster. The index keys are {@link KeyValue}s, which are not
 * {@code Comparable}, so H2 orders them by comparing their Java serialization, serializing both keys at
 * every comparison: one lookup in a 200k-entry index cost some 17 comparisons, 34 serializations, and the
 * profile of a rebuild had 64 % of the store's CPU there. Here a key's serialized bytes are computed once
 * and kept in a small direct-mapped cache by identity (the searched key and the keys of the hot pages are
 * the same objects again and again). Same bytes, same order: files written with the default type are read
 * and searched correctly, no migration.
 */
final class IndexKeyType extends ObjectDataType {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    private static final int SLOTS = 1 << 13;
    /** ObjectDataType.TYPE_SERIALIZED_OBJECT (package-private there). */
    private static final int SERIALIZED_OBJECT = 19;

    private record Cached(Object key, byte[] bytes) {}

    private final AtomicReferenceArray<Cached> cache = new AtomicReferenceArray<>(SLOTS);

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue && b instanceof KeyValue) {
            return a == b ? 0 : compareNotNull(bytes(a), bytes(b));
        }
        return super.compare(a, b);
    }

    /**
     * Exactly what the default type writes for a serialized object (tag 19, length, bytes), from the bytes
     * the comparisons already computed: a checkpoint writing an index page no longer serializes its keys again.
     */
    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (obj instanceof KeyValue) {
            byte[] bytes = bytes(obj);
            buff.put((byte) SERIALIZED_OBJECT).putVarInt(bytes.length).put(bytes);
            return;
        }
        super.write(buff, obj);
    }

    private byte[] bytes(Object key) {
        int slot = System.identityHashCode(key) & (SLOTS - 1);
        Cached c = cache.get(slot);
        if (c != null && c.key == key) {
            return c.bytes;
        }
        byte[] bytes = serialize(key);
        cache.set(slot, new Cached(key, bytes));
        return bytes;
    }
}
