package cz.souhra.infra.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock on the data directory. Two processes writing one MVStore file would corrupt it; the
 * OS releases the lock when the holder dies, so a {@code kill -9} never leaves a stale lock behind.
 */
public final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve("souhra.lock");
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new DataDirectoryInUseException(dataDir, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot lock data directory " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The OS drops the lock with the process anyway.
        }
    }

    /** Refusal to start on a directory another live process holds. */
    public static final class DataDirectoryInUseException extends IllegalStateException {
        DataDirectoryInUseException(Path dir, String holder) {
            super("Data directory " + dir.toAbsolutePath() + " is already in use by another Souhra process"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + ". Stop that process, choose another souhra.data-dir, or let the second process share the"
                    + " store over the network: start the first with souhra.embedded.port=27017 and the second with"
                    + " spring.data.mongodb.uri=mongodb://souhra:<secret>@127.0.0.1:27017/souhra?authSource=admin&authMechanism=SCRAM-SHA-256,"
                    + " where <secret> is the content of " + dir.resolve(StoreSecret.FILE_NAME).toAbsolutePath() + ".");
        }
    }
}
