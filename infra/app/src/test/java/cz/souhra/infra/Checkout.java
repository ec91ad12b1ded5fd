package cz.souhra.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's top directory (the one holding mvnw), whichever module directory a test runs in. */
public final class Checkout {

    private Checkout() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
