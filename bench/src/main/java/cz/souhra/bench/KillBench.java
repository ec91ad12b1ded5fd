package cz.souhra.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import cz.souhra.infra.store.DurabilityProbe;

/**
 * kill -9 rounds: a writer JVM appends through Axon's event store and is SIGKILLed at a random moment;
 * after each round the store is reopened and every acknowledged event must be there and projected.
 * The same run shows the shipped H2 backend for contrast.
 */
final class KillBench {
    private KillBench() {}

    static void run(String[] args) throws Exception {
        int rounds = Bench.argument(args, 1, 20);
        System.out.println();
        rounds("durable (Souhra default)", "write", rounds);
        rounds("H2 as shipped (baseline)", "write-shipped-h2", Math.min(rounds, 5));
    }

    private static void rounds(String name, String mode, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("souhra-kill");
        int lost = 0;
        int acked = 0;
        int notProjected = 0;
        for (int round = 1; round <= rounds; round++) {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Process writer = start(dir, mode, acknowledged);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(200, 2_000));
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
            DurabilityProbe.Result r = DurabilityProbe.check(dir, Set.copyOf(acknowledged), Duration.ofSeconds(60));
            lost += r.lost();
            acked += r.acknowledged();
            notProjected += r.acknowledged() - r.lost() - r.projected();
        }
        System.out.printf("kill -9 %s: lost=%d rounds=%d acknowledged=%d not-projected=%d%n", name, lost, rounds, acked, notProjected);
    }

    private static Process start(Path dir, String mode, Set<String> acknowledged) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DurabilityProbe.class.getName(), mode, dir.toString(), "4")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acknowledged.add(line.substring(4).trim());
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
}
