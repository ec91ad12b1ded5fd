package cz.souhra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.h2.mvstore.MVStoreTool;

import cz.souhra.infra.reliability.Seed;
import cz.souhra.infra.reliability.SouhraHttp;
import cz.souhra.infra.reliability.SouhraHttp.Reply;

/**
 * Disk, memory and start-up as the history grows: Souhra runs in its own JVM (RelApp, -Xmx512m) and takes
 * commands from 4 clients (three progress reports to one issue, as in appkill) until the store holds N
 * acknowledged commands; then, for each N: the store's files while running, its live data (the size of an
 * offline compacted copy, taken after a clean stop), the process's RSS and its heap after a full GC, and
 * the time from starting the JVM to health UP on that data.
 * {@code ./bench/run.sh footprint [--commands=10000,50000,200000]}
 */
final class FootprintBench {

    private FootprintBench() {}

    static void run(String[] args) throws Exception {
        List<Integer> targets = new ArrayList<>();
        for (String n : option(args, "commands", "10000,50000,200000").split(",")) {
            targets.add(Integer.parseInt(n.trim()));
        }
        Path dir = Files.createTempDirectory("souhra-footprint");
        Path data = dir.resolve("data");
        int port = RelApp.freePort();
        RelApp app = RelApp.start(data, port, dir.resolve("souhra.log"));
        Seed.Region region = Seed.region(app.http, RelApp.ADMIN, 10);
        AtomicLong acknowledged = new AtomicLong();
        System.out.println("| commands | store files running | live data | files / live | RSS | heap after GC | start to health UP |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int target : targets) {
            load(app.http, region, acknowledged, target);
            long filesRunning = filesBytes(data);
            long rss = rssBytes(app.process.pid());
            long heap = heapAfterGcBytes(app.process.pid());
            // What the heap holds at this size, to diff between rows (the classes that grow with the history).
            Files.writeString(dir.resolve("histogram-" + target + ".txt"), jcmd(app.process.pid(), "GC.class_histogram"));
            app.stop();
            long live = liveBytes(data.resolve("souhra.mv.db"));
            long started = System.nanoTime();
            app = RelApp.start(data, port, dir.resolve("souhra.log"));
            double startSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("| %,d | %.1f MiB | %.1f MiB | %.2fx | %.0f MiB | %.0f MiB | %.1f s |%n", acknowledged.get(),
                    filesRunning / 1048576.0, live / 1048576.0, (double) filesRunning / live, rss / 1048576.0, heap / 1048576.0, startSeconds);
        }
        app.stop();
        System.out.println("Class histograms after each row's full GC: " + dir.resolve("histogram-<commands>.txt"));
    }

    private static void load(SouhraHttp http, Seed.Region region, AtomicLong acknowledged, int target) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; !stop.get() && acknowledged.get() < target; i++) {
                    Reply r;
                    if (i % 4 == 3) {
                        r = http.post(Seed.OWNER, "/api/issues", "{\"region\":\"LBK\",\"category\":\"DORMITORY_TENSIONS\",\"title\":\"Podnět f"
                                + client + "-" + i + "\",\"locality\":\"Liberec\",\"observedOn\":\"2026-02-20\"}");
                    } else {
                        String measure = region.measures().get(random.nextInt(region.measures().size()));
                        r = http.post(Seed.OWNER, "/api/measures/" + measure + "/progress", "{\"percent\":" + random.nextInt(101)
                                + ",\"note\":\"f" + client + "-" + i + "\"}");
                    }
                    if (r.status() == 201 || r.status() == 202) {
                        acknowledged.incrementAndGet();
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) {
            t.join();
        }
        stop.set(true);
    }

    private static long filesBytes(Path data) throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(p -> p.getFileName().toString().startsWith("souhra.mv.db") || p.getFileName().toString().startsWith("souhra.wal."))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** The live pages only: the size of a compacted copy (the original is left as it is). */
    private static long liveBytes(Path file) throws Exception {
        Path copy = file.resolveSibling("live-copy.mv.db");
        Files.deleteIfExists(copy);
        MVStoreTool.compact(file.toString(), copy.toString(), false);
        long size = Files.size(copy);
        Files.delete(copy);
        return size;
    }

    private static long rssBytes(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    private static long heapAfterGcBytes(long pid) throws Exception {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    private static String jcmd(long pid, String command) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static String option(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
