package cz.souhra.infra.security;

import java.util.Locale;
import java.util.Set;

/**
 * The floor every password must clear: long enough, and not one of the names or words an attacker tries
 * first. Length beats composition rules (NIST SP 800-63B), so there are no "one digit, one capital" rules.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;

    private static final Set<String> WELL_KNOWN = Set.of(
            "admin", "administrator", "password", "heslo", "souhra", "admin123", "password1", "123456", "12345678",
            "123456789012", "qwertyuiop", "changeme", "changeit", "letmein", "secret", "root", "toor", "welcome",
            "administrator1", "password1234", "heslo1234567", "souhra123456", "adminadmin12", "qwertyuiop12");

    private PasswordPolicy() {}

    public static boolean acceptable(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return false;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (WELL_KNOWN.contains(lower)) {
            return false;
        }
        // One character repeated ("aaaaaaaaaaaa") is long but guessed at once.
        return lower.chars().distinct().count() > 3;
    }

    static void requireAcceptable(String what, String password) {
        if (!acceptable(password)) {
            throw new IllegalStateException(what + " is refused: use at least " + MIN_LENGTH
                    + " characters and not a well-known password (or leave it unset to have one generated)");
        }
    }
}
