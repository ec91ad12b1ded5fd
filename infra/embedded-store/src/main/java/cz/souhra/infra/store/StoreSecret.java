package cz.souhra.infra.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password every connection to the embedded store must prove (SCRAM-SHA-256, user {@value #USER}):
 * 32 random bytes, generated once per data directory into {@value #FILE_NAME}, readable by the owner
 * only. The data directory itself is made owner-only too, since its files hold the same data the
 * password guards (on file systems without POSIX permissions both are left as the OS creates them).
 */
public final class StoreSecret {

    private static final Logger log = LoggerFactory.getLogger(StoreSecret.class);

    public static final String USER = "souhra";
    public static final String FILE_NAME = "souhra.store-secret";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private StoreSecret() {}

    /** The directory's secret, created on first use; the directory is restricted to its owner. */
    public static String of(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            restrict(dataDir, OWNER_DIR);
            if (!Files.exists(file)) {
                create(file);
            }
            restrict(file, OWNER_FILE);
            String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (secret.length() < 32) {
                throw new IllegalStateException("The store secret in " + file.toAbsolutePath() + " is shorter than 32 characters;"
                        + " delete the file to have a new one generated (the store's data is not affected).");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the store secret " + file.toAbsolutePath(), e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        // base64url: no character needs escaping in a connection string's user info
        byte[] secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
        Path temp = file.resolveSibling(FILE_NAME + ".new");
        Files.deleteIfExists(temp);
        if (Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null) {
            // created owner-only, so the secret is never readable by others, not even for a moment
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } else {
            Files.createFile(temp);
        }
        Files.write(temp, secret);
        try {
            // a hard link appears whole and never replaces a secret another process created meanwhile
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException raced) {
            // the other process's secret stands
        } catch (UnsupportedOperationException | IOException noLinks) {
            if (!Files.exists(file)) {
                Files.move(temp, file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        log.info("Generated the embedded store's secret in {} (owner-only)", file.toAbsolutePath());
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> now = view.readAttributes().permissions();
        if (!now.equals(permissions)) {
            view.setPermissions(permissions);
            log.info("Restricted {} to its owner (was {})", path.toAbsolutePath(), PosixFilePermissions.toString(now));
        }
    }
}
