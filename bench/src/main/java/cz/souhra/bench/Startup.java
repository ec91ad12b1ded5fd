package cz.souhra.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cz.souhra.infra.SouhraApplication;

/** Souhra's start-up in a child JVM (-Xmx1g): the time from JVM start to /actuator/health UP, and the heap after a GC then. */
record Startup(double seconds, double heapMiB) {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    static Startup inChildJvm(Path dir) throws Exception {
        int port = RelApp.freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                RelApp.jvmOptions(), "-cp", System.getProperty("java.class.path"), SouhraApplication.class.getName()));
        cmd.addAll(Arrays.asList(Souhra.arguments(dir, port)));
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile()).start();
        try {
            PerfHttp http = new PerfHttp(port);
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("Souhra exited with " + p.exitValue());
                }
                try {
                    if (http.get("", "/actuator/health").status() == 200) {
                        break;
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                Thread.sleep(25);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            jcmd(p.pid(), "GC.run");
            String info = jcmd(p.pid(), "GC.heap_info");
            Matcher m = USED.matcher(info);
            double heap = m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
            return new Startup(seconds, heap);
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private static String jcmd(long pid, String what) throws IOException, InterruptedException {
        Process j = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid), what)
                .redirectErrorStream(true).start();
        String out = new String(j.getInputStream().readAllBytes());
        j.waitFor();
        return out;
    }
}
