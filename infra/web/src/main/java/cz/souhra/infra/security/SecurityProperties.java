package cz.souhra.infra.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security settings under {@code souhra.security}.
 *
 * @param secureCookie    the session cookie carries {@code Secure}; on by default, switch off only for a
 *                        plain-HTTP intranet ({@code SOUHRA_SECURITY_SECURE_COOKIE=false}), since browsers
 *                        would otherwise never send the cookie back there
 * @param loginPage       the web UI's own login page; blank means Spring Security's generated page, so a
 *                        browser can log in before the UI exists
 * @param maxFailures     failed logins of one user name from one client address that cost nothing; each
 *                        further one makes that name wait at that address ({@link LoginThrottle})
 * @param failureDelay    the first wait after {@code maxFailures} failures; it doubles with every further failure
 * @param failureDelayMax the longest wait: a guesser gets one try per this time, the owner elsewhere is not slowed
 * @param failureWindow   how long the failures of a name at an address are remembered after its last attempt
 * @param addressFailures failed logins from one client address, over all names, within {@code addressWindow}
 *                        before that address is refused (spraying one password across many names)
 * @param addressWindow   the window of {@code addressFailures}
 * @param accountCache    how long an account read for a request is used again without reading the store;
 *                        changes made in this process take effect at once, those of another process on the
 *                        same store within this time; zero (the default) reads the store at every request
 */
@ConfigurationProperties("souhra.security")
public record SecurityProperties(
        @DefaultValue("true") boolean secureCookie,
        @DefaultValue("") String loginPage,
        @DefaultValue("5") int maxFailures,
        @DefaultValue("PT1S") Duration failureDelay,
        @DefaultValue("PT15M") Duration failureDelayMax,
        @DefaultValue("PT1H") Duration failureWindow,
        @DefaultValue("30") int addressFailures,
        @DefaultValue("PT10M") Duration addressWindow,
        @DefaultValue("PT0S") Duration accountCache) {
}
