package cz.souhra.infra;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import cz.souhra.infra.audit.DeterminismCheck;
import cz.souhra.query.audit.HeadFile;
import cz.souhra.query.audit.LedgerVerifier;
import cz.souhra.query.audit.OfflineExportVerifier;
import cz.souhra.query.audit.VerificationReport;

/**
 * One jar for every role: command side, query side, embedded store, security and UI. Command-line modes:
 * <ul>
 *   <li>{@code --verify-export=FILE [--checkpoint=[REGION:POSITION:]DIGEST] [--anchors=DIR]}: verify an audit export
 *   offline (no store), against the head files in DIR;</li>
 *   <li>{@code --verify [--anchors=DIR]}: verify the ledger against the event store of this configuration, its recorded
 *   checkpoints and the head files in DIR (default: souhra.ledger.anchors.dir), then exit;</li>
 *   <li>{@code --determinism}: rebuild every read model into a shadow database and compare digests.</li>
 * </ul>
 */
@SpringBootApplication(scanBasePackages = "cz.souhra")
public class SouhraApplication {

    public static void main(String[] args) {
        disableUpdateChecker();
        Optional<String> export = option(args, "--verify-export");
        if (export.isPresent()) {
            System.exit(OfflineExportVerifier.run(export.get(), option(args, "--checkpoint").orElse(null),
                    option(args, "--anchors").orElse(null)));
        }
        if (Arrays.asList(args).contains("--verify")) {
            System.exit(verifyStore(args));
        }
        if (Arrays.asList(args).contains("--determinism")) {
            System.exit(determinism(args));
        }
        SpringApplication.run(SouhraApplication.class, args);
    }

    private static int verifyStore(String[] args) {
        SpringApplication app = new SpringApplication(SouhraApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = app.run(args)) {
            long started = System.nanoTime();
            java.util.function.BiConsumer<Long, Long> progress = (done, total) ->
                    System.out.printf("verified %d / %d entries (%.0f/s)%n", done, total, done / Math.max(1e-9, (System.nanoTime() - started) / 1e9));
            Optional<String> anchors = option(args, "--anchors");
            LedgerVerifier verifier = context.getBean(LedgerVerifier.class);
            VerificationReport report;
            if (anchors.isPresent()) {
                java.util.List<HeadFile.Head> heads;
                try {
                    heads = HeadFile.read(java.nio.file.Path.of(anchors.get()));
                } catch (java.io.IOException | RuntimeException e) {
                    System.out.println("Cannot read head files in " + anchors.get() + ": " + e.getMessage());
                    return 2;
                }
                System.out.println("checking against " + heads.size() + " heads of the head files in " + anchors.get());
                report = verifier.verify(progress, heads);
            } else {
                report = verifier.verify(progress);
            }
            for (VerificationReport.RegionResult r : report.regions()) {
                System.out.println(r.ok()
                        ? "OK " + r.region() + ": " + r.entries() + " entries, head " + r.headDigest()
                        : "BROKEN " + r.region() + " at position " + r.firstBrokenPosition() + ": " + r.problem() + " — " + r.detail());
            }
            return report.ok() ? 0 : 1;
        }
    }

    private static int determinism(String[] args) {
        SpringApplication app = new SpringApplication(SouhraApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = app.run(args)) {
            DeterminismCheck.Result r = context.getBean(DeterminismCheck.class).run((n, what) -> System.out.println(what + " " + n + " events"));
            for (DeterminismCheck.CollectionResult c : r.collections()) {
                System.out.println((c.equal() ? "EQUAL   " : "DIFFERS ") + c.collection() + " live " + c.liveDigest() + " rebuilt " + c.rebuiltDigest()
                        + (c.equal() ? "" : "\n        first difference: " + c.firstDifference()));
            }
            System.out.println(r.deterministic() ? "DETERMINISTIC over " + r.events() + " events" : "NOT DETERMINISTIC");
            return r.deterministic() ? 0 : 1;
        }
    }

    private static Optional<String> option(String[] args, String name) {
        return Arrays.stream(args).filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1)).findFirst();
    }

    /**
     * Axon's update checker reads a system property, not the Spring environment, and would otherwise
     * try to reach the internet at every start (closed networks of public offices log errors for it).
     */
    public static void disableUpdateChecker() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }
}
