package cz.souhra.infra.store;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import org.h2.mvstore.DataUtils;
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
 *
 * <p>A key read from a page keeps the bytes it was read from, and its memory is its size: H2's estimate
 * for a serialized object starts at 10 kB and learns only from reads, so in a store whose index pages were
 * all written in this run an index leaf of ~50 keys counted as half a megabyte, the 16 MB page cache held a
 * few dozen pages, and a profile of the 110 commands/s load had 10 % of all allocation in page reads and
 * 18 % in serializing keys again.
 */
final class IndexKeyType extends ObjectDataType {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    /**
     * 65,536 keys of ~250 bytes: at most ~19 MB. With 8,192 slots the keys of a 12k-event store evicted
     * each other and serializing keys was 15 % of all allocation under load; with these, 9 %, nearly all
     * of it the probe each lookup builds anew.
     */
    private static final int SLOTS = 1 << 16;
    /** ObjectDataType.TYPE_SERIALIZED_OBJECT (package-private there). */
    private static final int SERIALIZED_OBJECT = 19;

    private record Cached(Object key, byte[] bytes) {}

    private final AtomicReferenceArray<Cached> cache = new AtomicReferenceArray<>(SLOTS);
    /** Keys serialized through an ObjectOutputStream because their bytes were not at hand (tests read it). */
    final LongAdder serializations = new LongAdder();
    /** Keys read through an ObjectInputStream because no known template matched their bytes (tests read it). */
    final LongAdder deserializations = new LongAdder();

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

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != SERIALIZED_OBJECT) {
            return super.read(buff);
        }
        buff.get();
        byte[] bytes = new byte[DataUtils.readVarInt(buff)];
        buff.get(bytes);
        Object key = KeyBytes.parse(bytes);
        if (key == null) {
            deserializations.increment();
            key = deserialize(bytes);
            if (key instanceof KeyValue read) {
                KeyBytes.learn(read);
            }
        }
        if (key instanceof KeyValue) {
            remember(key, bytes);
        }
        return key;
    }

    @Override
    public int getMemory(Object obj) {
        // on the heap a key is a list of boxed values, roughly twice its serialized size (H2 reckons the same)
        return obj instanceof KeyValue ? 2 * bytes(obj).length : super.getMemory(obj);
    }

    private byte[] bytes(Object key) {
        Cached c = cache.get(slot(key));
        if (c != null && c.key == key) {
            return c.bytes;
        }
        byte[] bytes = KeyBytes.bytes((KeyValue) key);
        if (bytes == null) {
            serializations.increment();
            bytes = serialize(key);
        }
        remember(key, bytes);
        return bytes;
    }

    private void remember(Object key, byte[] bytes) {
        cache.set(slot(key), new Cached(key, bytes));
    }

    static int slot(Object key) {
        return System.identityHashCode(key) & (SLOTS - 1);
    }
}
