package cz.souhra.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * How application-level tests start Souhra: on its own embedded store in a fresh temporary directory, with
 * a configured admin password (there is no default one), and without a scheduled overdue run in the middle of a test
 * (the run right after a past-due adoption stays: it is what the tests of that behaviour observe).
 */
public final class TestApplication {

    private TestApplication() {}

    public static Path newDataDir(String prefix) {
        SouhraApplication.disableUpdateChecker();
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void register(DynamicPropertyRegistry r, Path dataDir, String adminPassword) {
        r.add("souhra.data-dir", dataDir::toString);
        r.add("souhra.admin-password", () -> adminPassword);
        r.add("souhra.overdue.initial-delay", () -> "PT1H");
        r.add("souhra.overdue.midnight-cron", () -> "-");
    }
}
