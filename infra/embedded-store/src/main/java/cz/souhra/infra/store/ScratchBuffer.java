package cz.souhra.infra.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A heap buffer kept from one encoding to the next by a single thread at a time. One that a large
 * document grew past {@value #KEPT_BYTES} bytes is let go afterwards, so a bulk insert does not pin its size.
 */
final class ScratchBuffer {

    static final int INITIAL_BYTES = 4096;
    static final int KEPT_BYTES = 1 << 20;

    private ByteBuf buffer = Unpooled.buffer(INITIAL_BYTES);

    ByteBuf get() {
        return buffer;
    }

    void shrink() {
        if (buffer.capacity() > KEPT_BYTES) {
            buffer.release();
            buffer = Unpooled.buffer(INITIAL_BYTES);
        }
    }
}
