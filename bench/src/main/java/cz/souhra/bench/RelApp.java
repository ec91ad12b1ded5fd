package cz.souhra.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.store.EmbeddedStore;
import cz.souhra.infra.reliability.SouhraHttp;
import cz.souhra.infra.reliability.SouhraHttp.Credentials;

/** A whole Souhra application in its own JVM, as an operator runs it, for the reliability runs. */
final class RelApp {

    static final Credentials ADMIN = new Credentials("admin", "spolehlivy-most-pres-jilm-1");

    final Process process;
    final int port;
    final SouhraHttp http;
    final Path log;

    private RelApp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.http = new SouhraHttp("http://127.0.0.1:" + port, Duration.ofSeconds(60));
    }

    /**
     * The JVM options the README starts Souhra with (souhra.jvm in the working directory, which
     * bench/run.sh makes the repository's root): the pause goal and the background threads' priority.
     */
    static String jvmOptions() {
        Path options = Path.of("souhra.jvm").toAbsolutePath();
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException("run the bench from the repository's root: no " + options);
        }
        return "@" + options;
    }

    /** Starts Souhra on {@code port} with the given extra {@code --name=value} arguments and waits until it answers. */
    static RelApp start(Path dataDir, int port, Path log, String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", jvmOptions(), "-cp", System.getProperty("java.class.path"),
                SouhraApplication.class.getName(), "--server.port=" + port, "--souhra.data-dir=" + dataDir,
                "--souhra.admin-password=" + ADMIN.password(), "--souhra.overdue.initial-delay=PT1H"));
        cmd.addAll(List.of(extra));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        RelApp app = new RelApp(p, port, log);
        // Generous: a start takes up to 92 s on the shared 2-core machine while other work runs.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Souhra exited with " + p.exitValue() + ", see " + log);
            }
            if (app.http.get(null, "/actuator/health").status() == 200) {
                return app;
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new IllegalStateException("Souhra did not start within 300 s, see " + log);
    }

    /**
     * Where a Souhra that is killed and started again keeps its data and log, and its fixed ports: a restart
     * answers at the same address, and the embedded store can be read directly at {@link #store}.
     */
    record Home(Path data, int port, int storePort, Path log) {
        static Home in(Path dir, String log) throws IOException {
            return new Home(dir.resolve("data"), freePort(), freePort(), dir.resolve(log));
        }

        RelApp start() throws Exception {
            return RelApp.start(data, port, log, "--souhra.embedded.port=" + storePort);
        }

        /** A second Souhra in its own JVM on this one's embedded store (its own data directory stays unused). */
        RelApp startSecond(String secondLog) throws Exception {
            return RelApp.start(data.resolveSibling("unused"), freePort(), log.resolveSibling(secondLog), "--spring.data.mongodb.uri=" + store("souhra"));
        }

        /** The embedded store's connection string, naming {@code database} ("" for none). */
        String store(String database) {
            return EmbeddedStore.connectionString(data, "127.0.0.1", storePort, database);
        }
    }

    /** SIGKILL: no shutdown hook, no final flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
