package cz.souhra.infra.security;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

import cz.souhra.infra.web.Refusal;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Security on by default. Scripts use HTTP Basic on {@code /api/**}: stateless, no cookie is ever
 * accepted there, so a cross-site request cannot ride on a browser session and CSRF tokens would add
 * nothing. Browsers log in with a form, get a session cookie and CSRF tokens on every other path. The
 * role rules here are the coarse gate; rights that depend on the record (secretary of this body, owner of
 * this measure) are decided by the aggregates and read models from the {@link cz.souhra.shared.Actor}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final String SESSION_COOKIE = "SESSION";

    /** Reading needs a role: an account whose every role was revoked sees only its own profile. */
    private static final String[] ANY_ROLE = {"ADMIN", "SECRETARY", "MEMBER", "AUDITOR"};

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt with a random salt per password; the {id} prefix lets a stronger scheme replace it later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** A bcrypt hash of a secret nobody knows: what an unknown or disabled name's password is checked against. */
    @Bean
    NobodysHash nobodysHash(PasswordEncoder encoder) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new NobodysHash(encoder.encode(Base64.getEncoder().encodeToString(secret)));
    }

    record NobodysHash(String hash) {}

    @Bean
    ReactiveUserDetailsService userDetailsService(UserStore users, NobodysHash nobody) {
        // An unknown name is checked against a hash of a secret nobody knows, so that it costs the same
        // bcrypt time as a known one and response times do not tell which names exist.
        // On a blocking thread even when the account is cached: the rest of the request goes on in that thread,
        // and answering from the event loop left the controllers' blocking store calls there, where a frozen
        // store then held the loop and the watchdog's 503 could not be written (outage bench: up to 8 s).
        return username -> Mono.fromCallable(() -> users.find(username)
                        .orElseGet(() -> new SouhraPrincipal(username, nobody.hash(), true, List.of(), null, Set.of(), Set.of())))
                .subscribeOn(Schedulers.boundedElastic())
                .cast(UserDetails.class);
    }

    /**
     * HTTP Basic and the login form. Each attempt asks the {@link LoginThrottle} first (per name and client
     * address, and per address), so a refused one is answered without a password check and parallel guesses
     * cannot overtake the count. An unknown name and a disabled account are checked against a hash nobody
     * knows: the same bcrypt time and the same refusal as a wrong password, so neither time nor answer tells
     * them apart. HTTP Basic sends the password with every request and bcrypt per request capped the API at
     * ~20/s, so a password verified within 5 minutes is recognised without bcrypt (VerifiedPasswordCache).
     */
    @Bean
    ReactiveAuthenticationManager authenticationManager(ReactiveUserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
                                                        NobodysHash nobody, java.time.Clock clock) {
        VerifiedPasswordCache passwords = new VerifiedPasswordCache(encoder, Duration.ofMinutes(5), clock);
        return authentication -> {
            String presented = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
            return ClientAddress.of().flatMap(address -> users.findByUsername(authentication.getName())
                    .flatMap(user -> check(user, presented, address, passwords, throttle, nobody, 0)));
        };
    }

    /** How often, and how long apart, an attempt asks again while the free attempts of its name are being checked. */
    private static final int BUSY_ROUNDS = 500;
    private static final Duration BUSY_PAUSE = Duration.ofMillis(20);

    private static Mono<Authentication> check(UserDetails user, String presented, String address, VerifiedPasswordCache passwords,
                                              LoginThrottle throttle, NobodysHash nobody, int round) {
        boolean remembered = user.isEnabled() && passwords.remembered(presented, user.getPassword());
        LoginThrottle.Attempt attempt = throttle.attempt(user.getUsername(), address, remembered);
        switch (attempt.outcome()) {
            case REFUSED:
                return Mono.error(new LoginThrottledException(attempt.retryAfter()));
            case BUSY:
                // 10 s at most: bcrypt takes 0.1 s, a few seconds on a starved host
                return round >= BUSY_ROUNDS ? Mono.error(new LoginThrottledException(Duration.ofSeconds(1)))
                        : Mono.delay(BUSY_PAUSE).then(Mono.defer(() -> check(user, presented, address, passwords, throttle, nobody, round + 1)));
            default:
                break;
        }
        if (remembered) {
            attempt.succeeded();
            return Mono.just(authenticated(user));
        }
        return Mono.fromCallable(() -> passwords.matches(presented, user.isEnabled() ? user.getPassword() : nobody.hash()))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnError(e -> attempt.cancelled())
                .flatMap(ok -> {
                    if (!ok) {
                        attempt.failed();
                        return Mono.error(new BadCredentialsException("Invalid Credentials"));
                    }
                    attempt.succeeded();
                    return Mono.just(authenticated(user));
                });
    }

    private static Authentication authenticated(UserDetails user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, user.getPassword(), user.getAuthorities());
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain api(ServerHttpSecurity http, ReactiveAuthenticationManager authentication) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
                .authenticationManager(authentication)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .httpBasic(basic -> basic.authenticationEntryPoint((exchange, e) -> unauthorized(exchange, e)))
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint((exchange, ex) -> unauthorized(exchange, ex))
                        .accessDeniedHandler((exchange, denied) -> Mono.error(new Refusal(HttpStatus.FORBIDDEN, "FORBIDDEN"))))
                .authorizeExchange(a -> a
                        .pathMatchers("/api/admin/**").hasRole("ADMIN")
                        // Auditors verify and export, which are reads; anything else there is for administrators.
                        .pathMatchers(HttpMethod.GET, "/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .pathMatchers("/api/audit/**").hasRole("ADMIN")
                        // Everyone, auditors and accounts whose every role was revoked included, may see who they are and
                        // change their own password; nothing else is readable without a role.
                        .pathMatchers("/api/me", "/api/me/**").authenticated()
                        .pathMatchers(HttpMethod.GET, "/api/**").hasAnyRole(ANY_ROLE)
                        .pathMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole(ANY_ROLE)
                        .pathMatchers("/api/**").hasAnyRole("ADMIN", "SECRETARY", "MEMBER")
                        .anyExchange().denyAll())
                .addFilterAfter(new PasswordChangeRequired(), SecurityWebFiltersOrder.AUTHORIZATION)
                .headers(this::headers)
                .build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain web(ServerHttpSecurity http, ReactiveAuthenticationManager authentication, UserStore users,
                               SecurityProperties properties) {
        return http
                .authenticationManager(authentication)
                .securityContextRepository(new FreshAccountContextRepository(users))
                .formLogin(form -> {
                    if (!properties.loginPage().isBlank()) {
                        form.loginPage(properties.loginPage());
                    }
                    form.authenticationFailureHandler(SecurityConfiguration::formLoginFailed);
                })
                .logout(Customizer.withDefaults())
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                // a page in the UI's layout (ProblemErrorHandler) rather than Spring Security's plain-text 403
                .csrf(csrf -> csrf.accessDeniedHandler((exchange, denied) -> Mono.error(new Refusal(HttpStatus.FORBIDDEN, "CSRF_REJECTED"))))
                .exceptionHandling(e -> e.accessDeniedHandler((exchange, denied) -> Mono.error(new Refusal(HttpStatus.FORBIDDEN, "FORBIDDEN"))))
                .authorizeExchange(a -> a
                        .pathMatchers("/login", "/pristupnost", "/guide/**", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/actuator/health", "/actuator/health/**",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // Web UI: the same coarse role gates as the API; record-level rights stay with aggregates and read models.
                        .pathMatchers("/audit", "/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .pathMatchers("/admin", "/admin/**").hasRole("ADMIN")
                        .pathMatchers(HttpMethod.POST, "/logout").authenticated()
                        // everyone signed in chooses their own password, auditors too
                        .pathMatchers("/account/password").authenticated()
                        .pathMatchers(HttpMethod.POST, "/**").hasAnyRole("ADMIN", "SECRETARY", "MEMBER")
                        .anyExchange().hasAnyRole(ANY_ROLE))
                .addFilterAfter(new PasswordChangeRequired(), SecurityWebFiltersOrder.AUTHORIZATION)
                .headers(this::headers)
                .build();
    }

    /**
     * An address the firewall refuses (an encoded slash or dot segment, e.g. {@code /api/meetings/..%2F..%2Fadmin/agenda-items})
     * gets the one error contract instead of Spring Security's empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedAddresses() {
        return (exchange, rejected) -> Mono.error(new Refusal(HttpStatus.BAD_REQUEST, "REQUEST_REJECTED"));
    }

    /**
     * The session cookie is HttpOnly and SameSite=Lax always, and Secure unless switched off for a
     * plain-HTTP intranet: the browser then never sends it over an unencrypted connection.
     */
    @Bean
    WebSessionIdResolver webSessionIdResolver(SecurityProperties properties) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(SESSION_COOKIE);
        resolver.addCookieInitializer(cookie -> cookie.httpOnly(true).sameSite("Lax").path("/").secure(properties.secureCookie()));
        return resolver;
    }

    private void headers(ServerHttpSecurity.HeaderSpec headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                        + "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"))
                .frameOptions(f -> f.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                .contentTypeOptions(Customizer.withDefaults())
                .referrerPolicy(r -> r.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                // Browsers ignore HSTS on plain HTTP, so it is safe to send always; behind TLS it pins HTTPS for a year.
                .hsts(h -> h.maxAge(Duration.ofDays(365)).includeSubdomains(true));
    }

    /** The refusal is answered by ProblemErrorHandler (problem or page); its headers are set here. */
    private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException e) {
        if (e instanceof LoginThrottledException throttled) {
            exchange.getResponse().getHeaders().set("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            return Mono.error(new Refusal(HttpStatus.TOO_MANY_REQUESTS, "LOGIN_THROTTLED", throttled.retryAfterSeconds()));
        }
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Basic realm=\"Souhra\", charset=\"UTF-8\"");
        return Mono.error(new Refusal(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED"));
    }

    /** The login form again, saying how long to wait when the attempt was throttled rather than wrong. */
    private static Mono<Void> formLoginFailed(WebFilterExchange exchange, AuthenticationException e) {
        String target = e instanceof LoginThrottledException throttled ? "/login?throttled=" + throttled.retryAfterSeconds() : "/login?error";
        return new DefaultServerRedirectStrategy().sendRedirect(exchange.getExchange(), URI.create(target));
    }
}
