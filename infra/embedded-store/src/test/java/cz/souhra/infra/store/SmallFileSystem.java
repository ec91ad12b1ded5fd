package cz.souhra.infra.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a few MB mounted for a test, to fill the disk under the store for real (ENOSPC from the
 * kernel, not a simulated exception). Mounting needs root (CAP_SYS_ADMIN); tests that need one are
 * enabled by {@link #mountable()} and skipped elsewhere.
 */
public final class SmallFileSystem implements AutoCloseable {

    private final Path dir;

    private SmallFileSystem(Path dir) {
        this.dir = dir;
    }

    public static SmallFileSystem mount(int megabytes) throws IOException {
        Path dir = Files.createTempDirectory("souhra-smallfs");
        if (run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString()) != 0) {
            Files.deleteIfExists(dir);
            throw new IOException("cannot mount a tmpfs on " + dir);
        }
        return new SmallFileSystem(dir);
    }

    /** Whether this process may mount a tmpfs (tried once, on a probe directory). */
    public static boolean mountable() {
        try (SmallFileSystem probe = mount(1)) {
            return Files.isDirectory(probe.dir());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public Path dir() {
        return dir;
    }

    /** Fills the file system with a file until the kernel refuses, then gives back {@code leaveBytes}. */
    public Path fill(long leaveBytes) throws IOException {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left on device: as intended
        }
        try (var channel = java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, channel.size() - leaveBytes));
        }
        return filler;
    }

    public long usableBytes() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    @Override
    public void close() throws IOException {
        run("umount", "-l", dir.toString());
        Files.deleteIfExists(dir);
    }

    private static int run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
