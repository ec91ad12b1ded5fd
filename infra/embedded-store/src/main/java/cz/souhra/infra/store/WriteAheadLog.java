package cz.souhra.infra.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Append-only log of the write commands applied since the last store checkpoint. Each record is
 * {@code [int length][long seq][long crc32][BSON {db, cmd, q}]}; a torn tail (the process died while
 * writing it) fails its length or checksum and ends the replay there — such a record was never
 * acknowledged, because acknowledgement waits for {@link #awaitDurable(long)}.
 *
 * <p>Files are named {@code souhra.wal.<first seq>} and rotated at every checkpoint; a file is deleted
 * once the store file that contains its effects is committed and synced.
 */
final class WriteAheadLog implements AutoCloseable {

    record Entry(long seq, String database, String command, Document query) {}

    private final Path dir;
    private final boolean fsync;
    private final Object syncMonitor = new Object();
    private FileChannel current;
    private Path currentFile;
    private volatile long writtenSeq;
    private volatile long durableSeq;
    private long bytesInCurrent;
    /** [int length][long seq][long crc32] */
    private static final int HEADER_BYTES = 20;
    /** Only append uses it, and appends run one at a time under the store's apply lock. */
    private final ScratchBuffer scratch = new ScratchBuffer();

    WriteAheadLog(Path dir, boolean fsync, long nextSeq) {
        this.dir = dir;
        this.fsync = fsync;
        this.writtenSeq = nextSeq - 1;
        this.durableSeq = nextSeq - 1;
        open(nextSeq);
    }

    private void open(long firstSeq) {
        try {
            currentFile = dir.resolve("souhra.wal." + firstSeq);
            current = FileChannel.open(currentFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            bytesInCurrent = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called with the store's apply lock held, so records are in apply order. */
    void append(long seq, String database, String command, Document query) {
        // The record is encoded in place behind room for its header: a fresh buffer for every record grew by
        // doubling and was copied twice more, into the body and into the record, while every other write waited.
        ByteBuf record = scratch.get();
        record.clear().writerIndex(HEADER_BYTES);
        try {
            BsonEncoder.encodeDocument(new Document("db", database).append("cmd", command).append("q", query), record);
            int length = record.writerIndex() - HEADER_BYTES;
            CRC32 crc = new CRC32();
            crc.update(record.nioBuffer(HEADER_BYTES, length));
            record.setInt(0, length).setLong(4, seq).setLong(12, crc.getValue());
            ByteBuffer bytes = record.nioBuffer(0, HEADER_BYTES + length);
            while (bytes.hasRemaining()) {
                current.write(bytes);
            }
            bytesInCurrent += HEADER_BYTES + length;
            writtenSeq = seq;
        } catch (IOException e) {
            // A torn record would end every later replay at this point anyway; cut it off so the file ends
            // with the last whole record (and a full disk gets its bytes back).
            try {
                current.truncate(bytesInCurrent);
            } catch (IOException | RuntimeException ignored) {
                // the replay stops at the torn record
            }
            throw new UncheckedIOException("Write-ahead log append failed", e);
        } finally {
            scratch.shrink();
        }
    }

    /**
     * Group commit: the first waiter forces everything written so far; writers that arrive meanwhile find
     * their record already durable. Without fsync a write() has reached the OS page cache, which survives
     * the death of this process but not of the machine.
     */
    void awaitDurable(long seq) {
        if (durableSeq >= seq) {
            return;
        }
        synchronized (syncMonitor) {
            if (durableSeq >= seq) {
                return;
            }
            long upTo = writtenSeq;
            if (fsync) {
                try {
                    current.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException("Write-ahead log sync failed", e);
                }
            }
            durableSeq = upTo;
        }
    }

    long bytesInCurrent() {
        return bytesInCurrent;
    }

    Object syncMonitor() {
        return syncMonitor;
    }

    /**
     * Starts a new file for records from {@code nextSeq} on; must be called with the sync monitor and the
     * apply lock held. Returns the finished file, to be deleted by {@link #retire} once the checkpoint
     * that covers it is durable, or null if the current file holds no record and stays current.
     */
    Path rotate(long nextSeq) {
        if (bytesInCurrent == 0) {
            // No record since this file was opened: it is already named for the next write, and a new
            // file of the same name, once the caller retired the "finished" one, would be deleted while
            // live (SIGKILL then lost every write until the next checkpoint: 81-127 events under load).
            return null;
        }
        try {
            if (fsync) {
                current.force(false);
            }
            current.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        durableSeq = writtenSeq;
        Path finished = currentFile;
        open(nextSeq);
        return finished;
    }

    static void retire(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replays every intact record of every log file in order and stops for good at the first record that
     * is torn or does not carry the next sequence number. After a machine crash the unsynced tail of a
     * file may hold zeroed or stale pages followed by pages the disk did write; zeros even pass the
     * checksum (an empty body), so only the unbroken sequence proves a record belongs to the prefix that
     * took effect. Records at or below {@code afterSeq} are already in the checkpoint and skipped. If the
     * log begins past the checkpoint, acknowledged writes are gone from both, and starting would hide
     * that: refused.
     */
    static long replay(Path dir, long afterSeq, Consumer<Entry> apply) {
        long last = afterSeq;
        boolean first = true;
        for (Path file : files(dir)) {
            try {
                ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
                while (all.remaining() >= HEADER_BYTES) {
                    int length = all.getInt();
                    long seq = all.getLong();
                    long crc = all.getLong();
                    if (length <= 0 || length > all.remaining()) {
                        return last;
                    }
                    byte[] body = new byte[length];
                    all.get(body);
                    CRC32 check = new CRC32();
                    check.update(body);
                    if (check.getValue() != crc) {
                        return last;
                    }
                    if (seq > last + 1) {
                        if (first) {
                            throw new IllegalStateException("The write-ahead log in " + dir + " begins at write " + seq
                                    + " but the store file holds writes only up to " + afterSeq
                                    + ": acknowledged writes are missing. Souhra will not start on this data; restore a backup.");
                        }
                        return last;
                    }
                    first = false;
                    if (seq == last + 1) {
                        Document d = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(body));
                        apply.accept(new Entry(seq, (String) d.get("db"), (String) d.get("cmd"), (Document) d.get("q")));
                        last = seq;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read write-ahead log " + file, e);
            }
        }
        return last;
    }

    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("souhra\\.wal\\.\\d+"))
                    .sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring("souhra.wal.".length()))))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends a log whose store failed: one last sync, so that writers still waiting for it learn their record
     * is on disk (the next opening replays it); if that fails too they are told the outcome is unknown.
     * Must be called with the sync monitor and the apply lock held.
     */
    void abandon() {
        try {
            if (fsync) {
                current.force(false);
            }
            durableSeq = writtenSeq;
        } catch (IOException | RuntimeException e) {
            // waiters find the channel closed and answer "outcome unknown"
        }
        close();
    }

    @Override
    public void close() {
        try {
            current.close();
        } catch (IOException e) {
            // closing after a final checkpoint; nothing left to lose
        }
    }
}
