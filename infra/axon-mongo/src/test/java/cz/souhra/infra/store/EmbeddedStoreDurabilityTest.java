package cz.souhra.infra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's promise, checked the way it can fail: a separate JVM writes through Axon's event store and
 * is killed with SIGKILL at a random moment; every append it had acknowledged must be readable afterwards
 * and reach a projection. A 20-round version runs in bench/ and prints lost=0 rounds=20.
 */
class EmbeddedStoreDurabilityTest {

    @TempDir
    Path dir;

    @RepeatedTest(2)
    void given_writer_killed_with_sigkill_when_store_reopens_then_every_acknowledged_event_is_there_and_projected() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Process writer = startWriter(dir, acknowledged, new CountDownLatch(1));
        awaitAcks(acknowledged, 50);
        Thread.sleep(ThreadLocalRandom.current().nextLong(100, 900));
        writer.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no final commit
        assertThat(writer.waitFor(20, TimeUnit.SECONDS)).isTrue();

        DurabilityProbe.Result result = DurabilityProbe.check(dir, Set.copyOf(acknowledged), Duration.ofSeconds(60));

        assertThat(result.acknowledged()).isGreaterThanOrEqualTo(50);
        assertThat(result.lost()).isZero();
        assertThat(result.projected()).isEqualTo(result.acknowledged());
    }

    @Test
    void given_data_directory_held_by_a_live_process_when_second_store_starts_then_refused_with_clear_message() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Process holder = startWriter(dir, acknowledged, new CountDownLatch(1));
        try {
            awaitAcks(acknowledged, 1);
            assertThatThrownBy(() -> EmbeddedStore.start(dir, "127.0.0.1", 0, true, 0))
                    .isInstanceOf(DataDirectoryLock.DataDirectoryInUseException.class)
                    .hasMessageContaining("already in use by another Souhra process")
                    .hasMessageContaining("pid " + holder.pid());
        } finally {
            holder.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        // The OS released the lock with the killed process: no stale lock blocks the next start.
        try (EmbeddedStore reopened = EmbeddedStore.start(dir, "127.0.0.1", 0, true, 0)) {
            assertThat(reopened.connectionString()).startsWith("mongodb://souhra:").contains("@127.0.0.1:");
        }
    }

    private static Process startWriter(Path dir, Set<String> acknowledged, CountDownLatch started) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DurabilityProbe.class.getName(), "write", dir.toString(), "4")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acknowledged.add(line.substring(4).trim());
                        started.countDown();
                    }
                }
            } catch (Exception ignored) {
                // the pipe breaks when the writer is killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static void awaitAcks(Set<String> acknowledged, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("writer acknowledged only " + acknowledged.size() + " events in 60 s");
            }
            Thread.sleep(20);
        }
    }
}
