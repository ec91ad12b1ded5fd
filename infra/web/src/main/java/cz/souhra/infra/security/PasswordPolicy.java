package cz.souhra.infra.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;

/**
 * Whether a new password is strong enough: measured by how many guesses it would take (nbvcxz, the Java
 * port of zxcvbn: dictionaries of common passwords, names and words with leet variants, keyboard rows,
 * sequences, repetitions, dates), not by composition rules (NIST SP 800-63B) or a short deny list. Besides
 * the estimate: at least {@value #MIN_LENGTH} characters, no control or invisible characters (a password
 * must be typeable again), and not the user name, which an attacker tries first; the user name and its
 * repetitions also count as no entropy inside a longer password.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;

    /** Words a guesser at a Czech Souhra tries first and nbvcxz's English lists do not have; rank = order here. */
    private static final List<String> LOCAL_WORDS = List.of("souhra", "heslo", "admin", "administrator", "spravce", "tajne", "tajemnik",
            "prihlaseni", "uzivatel", "platforma", "kraj", "heslo123");

    public enum Verdict {
        ACCEPTABLE(null),
        TOO_SHORT("users.password.tooShort"),
        CONTROL_CHARACTERS("users.password.control"),
        USER_NAME("users.password.userName"),
        GUESSABLE("users.password.guessable");

        /** The message in messages*.properties; {0} is the minimum length. */
        public final String messageKey;

        Verdict(String messageKey) {
            this.messageKey = messageKey;
        }
    }

    private final double minEntropy;

    public PasswordPolicy(@Value("${souhra.security.password-min-entropy:35}") double minEntropy) {
        this.minEntropy = minEntropy;
    }

    public Verdict check(String user, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Verdict.TOO_SHORT;
        }
        if (password.codePoints().anyMatch(PasswordPolicy::invisible)) {
            return Verdict.CONTROL_CHARACTERS;
        }
        String name = user == null ? "" : user.toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && password.toLowerCase(Locale.ROOT).replace(name, "").isEmpty()) {
            return Verdict.USER_NAME;
        }
        List<Dictionary> dictionaries = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
        DictionaryBuilder local = new DictionaryBuilder().setDictionaryName("souhra");
        for (int i = 0; i < LOCAL_WORDS.size(); i++) {
            local.addWord(LOCAL_WORDS.get(i), i + 1);
        }
        dictionaries.add(local.createDictionary());
        if (name.length() >= 3) {
            // An excluded word is worth nothing wherever it appears: "jana.novakova1" is no better than the name.
            dictionaries.add(new DictionaryBuilder().setDictionaryName("account").setExclusion(true).addWord(name, 0).createDictionary());
        }
        // A new estimator per check: the dictionaries differ by account, and one estimate takes milliseconds.
        Nbvcxz estimator = new Nbvcxz(new ConfigurationBuilder().setDictionaries(dictionaries).setMinimumEntropy(minEntropy).createConfiguration());
        return estimator.estimate(password).isMinimumEntropyMet() ? Verdict.ACCEPTABLE : Verdict.GUESSABLE;
    }

    /** Control, format (zero-width, direction marks) and lone surrogate code points: nothing a person can type back. */
    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    /** For a password from the configuration, where there is no one to show a message to but the operator's log. */
    public void requireAcceptable(String what, String user, String password) {
        Verdict verdict = check(user, password);
        if (verdict != Verdict.ACCEPTABLE) {
            throw new IllegalStateException(what + " is refused (" + verdict + "): use at least " + MIN_LENGTH
                    + " characters that are hard to guess, e.g. several unrelated words, not the user name"
                    + " (or leave it unset to have one generated)");
        }
    }

    /** A random password this policy accepts, for a reset or a demo account (~116 bits; the loop only guards a draw that spells a word). */
    public String oneTimePassword(String user) {
        String password = AdminBootstrap.randomPassword();
        while (check(user, password) != Verdict.ACCEPTABLE) {
            password = AdminBootstrap.randomPassword();
        }
        return password;
    }
}
