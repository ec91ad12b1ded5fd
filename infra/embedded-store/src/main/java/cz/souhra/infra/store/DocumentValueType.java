package cz.souhra.infra.store;

import java.nio.ByteBuffer;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Value type of mongo-java-server's collection maps: documents are stored as BSON instead of H2's default,
 * Java serialization of the document object. The store serializes every document of every page a
 * checkpoint writes while writes wait (one commit held them for 29 ms at the median and up to 258 ms in
 * the quick bench, the commands' latency tail), and deserializes them again on every page it reads
 * back; BSON, the form the documents arrived in over the wire, is several times cheaper both ways.
 *
 * <p>A BSON value starts with a tag {@link ObjectDataType} never writes; anything else is read by the
 * default type, so files written before open unchanged and their documents are rewritten as BSON when
 * their page is next written. A value BSON cannot hold is stored the old way.
 */
final class DocumentValueType extends ObjectDataType {

    /** ObjectDataType's tags are 0–19, 32–49 and 64–119. */
    static final byte BSON = 120;

    private static final ThreadLocal<ScratchBuffer> SCRATCH = ThreadLocal.withInitial(ScratchBuffer::new);

    private volatile int averageMemory = 1024;

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (!(obj instanceof Document document)) {
            super.write(buff, obj);
            return;
        }
        // Kept per thread (pages are serialized on the store's serializer, a full commit on the checkpoint
        // thread): a fresh 512-byte buffer per document grew by doubling for most of them, a copy each time.
        ScratchBuffer scratch = SCRATCH.get();
        ByteBuf bson = scratch.get().clear();
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException notBson) {
            scratch.shrink();
            super.write(buff, obj);
            return;
        }
        int length = bson.readableBytes();
        buff.put(BSON).putVarInt(length).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
        scratch.shrink();
        // A decoded document takes several times its BSON size on the heap (maps, boxed values, strings).
        averageMemory = (averageMemory * 15 + length * 4) / 16;
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON) {
            return super.read(buff);
        }
        buff.get();
        int length = DataUtils.readVarInt(buff);
        ByteBuffer slice = buff.slice();
        slice.limit(length);
        buff.position(buff.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }

    @Override
    public int getMemory(Object obj) {
        return obj instanceof Document ? averageMemory : super.getMemory(obj);
    }
}
