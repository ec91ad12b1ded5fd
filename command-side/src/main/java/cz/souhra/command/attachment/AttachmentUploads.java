package cz.souhra.command.attachment;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.stereotype.Component;

import com.mongodb.client.gridfs.GridFSUploadStream;

import cz.souhra.command.common.DomainException;
import cz.souhra.shared.ids.AttachmentId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Receives an upload as it streams in (no temporary file, no whole file in memory): the SHA-256 and the
 * size are computed over the bytes as they pass, the type is detected from the first 64 KiB before a single
 * byte is stored, and the upload is refused as soon as it passes the size limit. The write order that keeps
 * a crash from leaving half an attachment is {@link AttachmentStore}'s.
 */
@Component
@EnableConfigurationProperties(AttachmentProperties.class)
public class AttachmentUploads {

    /** The bytes of a multipart request around its file: boundaries and part headers, with room to spare. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    /** An upload stored under {@code id}, not yet recorded. */
    public record Stored(AttachmentId id, String name, String mediaType, long size, String sha256) {}

    private final AttachmentStore store;
    private final AttachmentParents parents;
    private final AttachmentProperties properties;

    public AttachmentUploads(AttachmentStore store, AttachmentParents parents, AttachmentProperties properties) {
        this.store = store;
        this.parents = parents;
        this.properties = properties;
    }

    public long maxSize() {
        return properties.maxSize().toBytes();
    }

    /** Refuses a request that says in its headers it is larger than the limit, before its body is read. */
    public void refuseDeclaredSize(long contentLength) {
        if (contentLength > maxSize() + MULTIPART_OVERHEAD) {
            throw tooLarge();
        }
    }

    /** Stores the part named {@code file} of {@code parts} under {@code id}; the parts are read once, in order. */
    public Mono<Stored> receive(AttachmentId id, Flux<PartEvent> parts) {
        Receiver receiver = new Receiver(id);
        return parts
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(receiver::accept)
                .doOnDiscard(PartEvent.class, p -> DataBufferUtils.release(p.content()))
                .then(Mono.fromCallable(receiver::finish))
                .doOnError(e -> receiver.abort())
                // a client gone mid-upload cancels on the event loop, where the store must not be waited for
                .doOnCancel(() -> Schedulers.boundedElastic().schedule(receiver::abort));
    }

    /** After the command: the marker goes if the event is in the store, the bytes too if it is not. */
    public void settle(AttachmentId id) {
        if (parents.recorded(id.value())) {
            store.committed(id.value());
        } else {
            store.discard(id.value());
        }
    }

    /** The bytes of a removed attachment. */
    public void purge(AttachmentId id) {
        store.discard(id.value());
    }

    /** Uploads killed before their event was recorded leave bytes no one can see: they go at start. */
    @EventListener(ApplicationReadyEvent.class)
    public void sweepAtStart() {
        store.sweep(properties.sweepGrace(), parents::recorded);
    }

    static DomainException tooLarge() {
        return DomainException.field(DomainException.Kind.TOO_LARGE, "ATTACHMENT_TOO_LARGE", "file");
    }

    private final class Receiver {
        private final AttachmentId id;
        private final MessageDigest sha256;
        private final byte[] head = new byte[ContentType.HEAD];
        private int headLength;
        private long size;
        private String name;
        private boolean fileDone;
        private String mediaType;
        private GridFSUploadStream out;

        Receiver(AttachmentId id) {
            this.id = id;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized void accept(PartEvent event) {
            DataBuffer content = event.content();
            try {
                if (event instanceof FilePartEvent file && "file".equals(file.name()) && !fileDone) {
                    if (name == null) {
                        name = file.filename();
                    }
                    append(content);
                    fileDone = event.isLast();
                }
            } finally {
                DataBufferUtils.release(content);
            }
        }

        private void append(DataBuffer content) {
            size += content.readableByteCount();
            if (size > maxSize()) {
                throw tooLarge();
            }
            try (DataBuffer.ByteBufferIterator buffers = content.readableByteBuffers()) {
                while (buffers.hasNext()) {
                    ByteBuffer b = buffers.next();
                    sha256.update(b.duplicate());
                    write(b);
                }
            }
        }

        private void write(ByteBuffer b) {
            if (out == null) {
                int n = Math.min(b.remaining(), head.length - headLength);
                b.get(head, headLength, n);
                headLength += n;
                if (headLength < head.length) {
                    return;
                }
                open();
            }
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.write(bytes);
        }

        private void open() {
            mediaType = ContentType.detect(head, headLength, name);
            if (!Attachment.ACCEPTED.contains(mediaType)) {
                throw DomainException.field(DomainException.Kind.RULE, "ATTACHMENT_TYPE", "file", mediaType);
            }
            out = store.begin(id.value(), name, mediaType);
            out.write(head, 0, headLength);
        }

        Stored finish() {
            if (name == null) {
                throw DomainException.invalid("REQUIRED", "file");
            }
            if (size == 0) {
                throw DomainException.field(DomainException.Kind.RULE, "ATTACHMENT_EMPTY", "file");
            }
            if (out == null) {
                open();
            }
            out.close();
            return new Stored(id, baseName(name), mediaType, size, HexFormat.of().formatHex(sha256.digest()));
        }

        synchronized void abort() {
            if (out != null) {
                GridFSUploadStream stream = out;
                out = null;
                try {
                    stream.abort();
                } catch (RuntimeException e) {
                    // the stream was closed already; discard below removes what it wrote
                }
                store.discard(id.value());
            }
        }
    }

    /** Browsers may send a path ({@code C:\fakepath\zprava.pdf}); only the last segment is the name. */
    static String baseName(String name) {
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1).strip();
    }

}
