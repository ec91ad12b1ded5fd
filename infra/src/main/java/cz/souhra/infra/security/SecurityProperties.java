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
 * @param maxFailures     failed logins of one user name within {@code failureWindow} before refusing
 * @param failureWindow   how long a failed login counts
 * @param accountCache    how long an account read for a request is used again without reading the store;
 *                        changes made in this process take effect at once, those of another process on the
 *                        same store within this time; zero (the default) reads the store at every request
 */
@ConfigurationProperties("souhra.security")
public record SecurityProperties(
        @DefaultValue("true") boolean secureCookie,
        @DefaultValue("") String loginPage,
        @DefaultValue("5") int maxFailures,
        @DefaultValue("PT15M") Duration failureWindow,
        @DefaultValue("PT0S") Duration accountCache) {
}
