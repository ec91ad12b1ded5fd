package cz.souhra.infra.store;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Type of the documents' keys ({@code _id}) in mongo-java-server's collection maps and of the positions
 * its unique indexes point to. H2's default type knows no ObjectId, the key of every stored event, and
 * writes each as a Java-serialized object (some 200 bytes, with an object stream per key, at every
 * checkpoint of every changed page); here it is a tag and its 12 bytes. Comparison is unchanged (ObjectId
 * is Comparable), so the order of existing files holds; keys written by the default type are still read
 * by it.
 */
final class DocumentKeyType extends ObjectDataType {

    /** Unused by ObjectDataType (0–19, 32–49, 64–119) and by {@link DocumentValueType} (120). */
    static final byte OBJECT_ID = 121;

    /**
     * The default order for the keys Souhra stores, without ObjectDataType's last-used-type field: that
     * field is shared by every thread using the type, and two threads comparing keys of different types
     * at once made it fail with "Can not compare" (found by the quick bench when one instance served all
     * maps; one instance per map makes it rarer, not impossible).
     */
    @Override
    public int compare(Object a, Object b) {
        if (a instanceof ObjectId x && b instanceof ObjectId y) {
            return x.compareTo(y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        return super.compare(a, b);
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (obj instanceof ObjectId id) {
            buff.put(OBJECT_ID).put(id.toByteArray());
            return;
        }
        super.write(buff, obj);
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != OBJECT_ID) {
            return super.read(buff);
        }
        buff.get();
        byte[] bytes = new byte[12];
        buff.get(bytes);
        return new ObjectId(bytes);
    }

    @Override
    public int getMemory(Object obj) {
        return obj instanceof ObjectId ? 48 : super.getMemory(obj);
    }
}
