package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cz.souhra.infra.security.PasswordPolicy.Verdict;

/** Strength by estimated guesses (nbvcxz at the default 35 bits), the user name, and characters nobody can type back. */
class PasswordPolicyTest {

    final PasswordPolicy policy = new PasswordPolicy(35);

    @ParameterizedTest
    @ValueSource(strings = {"abcdabcdabcd", "passwordpassword", "123412341234", "qwertyuiop123", "Souhra123456", "heslo1234567",
            "aaaaaaaaaaaaaaaa", "qazwsxedcrfv", "Password2026!", "correct horse battery staple", "P@ssw0rdP@ssw0rd"})
    void guessable_passwords_are_refused_however_long(String password) {
        assertThat(policy.check("jana.novakova", password)).isEqualTo(Verdict.GUESSABLE);
    }

    @ParameterizedTest
    @CsvSource({"jana.novakova, jana.novakova", "jana.novakova, JANA.NOVAKOVAjana.novakova", "admin, adminadminadmin",
            "petr.svoboda, petr.svobodapetr.svobodapetr.svoboda"})
    void the_user_name_and_its_repetitions_are_refused(String user, String password) {
        assertThat(policy.check(user, password)).isEqualTo(Verdict.USER_NAME);
    }

    @ParameterizedTest
    @CsvSource({"jana.novakova, jana.novakova1", "jana.novakova, jana.novakova2026", "admin, admin-2026-12"})
    void the_user_name_with_a_little_around_it_is_too_guessable(String user, String password) {
        assertThat(policy.check(user, password)).isEqualTo(Verdict.GUESSABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeleny-kun\u0000skace-pres-plot", "zeleny-kun\nskace-pres-plot", "zeleny-kun\u200Bskace-pres-plot",
            "zeleny-kun\u202Eskace-pres-plot", "zeleny-kun\u007Fskace-pres-plot"})
    void control_and_invisible_characters_are_refused(String password) {
        assertThat(policy.check("jana.novakova", password)).isEqualTo(Verdict.CONTROL_CHARACTERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "kratke", "Xq7#mK2!pL9"})
    void fewer_than_twelve_characters_are_refused(String password) {
        assertThat(policy.check("jana.novakova", password)).isEqualTo(Verdict.TOO_SHORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zelený kůň skáče přes plot", "kontrola-zapisu-u-smrku-1", "Rybnik pod Jestedem 1973 mlha", "vQ8#tLz2!mR4@wN6"})
    void a_good_passphrase_or_random_string_passes(String password) {
        assertThat(policy.check("jana.novakova", password)).isEqualTo(Verdict.ACCEPTABLE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void generated_admin_passwords_pass(int round) {
        assertThat(policy.check("admin", AdminBootstrap.randomPassword())).as("round " + round).isEqualTo(Verdict.ACCEPTABLE);
    }
}
