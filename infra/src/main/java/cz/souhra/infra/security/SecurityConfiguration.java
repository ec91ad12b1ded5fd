package cz.souhra.infra.security;

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
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

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

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt with a random salt per password; the {id} prefix lets a stronger scheme replace it later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ReactiveUserDetailsService userDetailsService(UserStore users, PasswordEncoder encoder) {
        // An unknown name is checked against a hash of a secret nobody knows, so that it costs the same
        // bcrypt time as a known one and response times do not tell which names exist.
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String nobodysHash = encoder.encode(Base64.getEncoder().encodeToString(secret));
        // On a blocking thread even when the account is cached: the rest of the request goes on in that thread,
        // and answering from the event loop left the controllers' blocking store calls there, where a frozen
        // store then held the loop and the watchdog's 503 could not be written (outage bench: up to 8 s).
        return username -> Mono.fromCallable(() -> users.find(username)
                        .orElseGet(() -> new SouhraPrincipal(username, nobodysHash, true, List.of(), null, Set.of(), Set.of())))
                .subscribeOn(Schedulers.boundedElastic())
                .cast(UserDetails.class);
    }

    @Bean
    ReactiveAuthenticationManager authenticationManager(ReactiveUserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
                                                        java.time.Clock clock) {
        UserDetailsRepositoryReactiveAuthenticationManager delegate = new UserDetailsRepositoryReactiveAuthenticationManager(users);
        // HTTP Basic sends the password with every request; bcrypt per request capped the API at ~20/s.
        delegate.setPasswordEncoder(new VerifiedPasswordCache(encoder, Duration.ofMinutes(5), clock));
        return authentication -> {
            String name = authentication.getName();
            if (throttle.isBlocked(name)) {
                return Mono.error(new LockedException("throttled"));
            }
            return delegate.authenticate(authentication)
                    .doOnNext(a -> throttle.succeeded(name))
                    .onErrorMap(BadCredentialsException.class, e -> {
                        throttle.failed(name);
                        return e;
                    });
        };
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain api(ServerHttpSecurity http, ReactiveAuthenticationManager authentication, LoginThrottle throttle) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
                .authenticationManager(authentication)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .httpBasic(basic -> basic.authenticationEntryPoint((exchange, e) -> unauthorized(exchange, e, throttle)))
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint((exchange, ex) -> unauthorized(exchange, ex, throttle))
                        .accessDeniedHandler((exchange, denied) -> SecurityProblems.write(exchange, HttpStatus.FORBIDDEN, "FORBIDDEN",
                                "K této akci nemáte oprávnění.", "You are not allowed to do this.")))
                .authorizeExchange(a -> a
                        .pathMatchers("/api/admin/**").hasRole("ADMIN")
                        // Auditors verify and export, which are reads; anything else there is for administrators.
                        .pathMatchers(HttpMethod.GET, "/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .pathMatchers("/api/audit/**").hasRole("ADMIN")
                        // Everyone, auditors included, may see who they are and change their own password.
                        .pathMatchers("/api/me", "/api/me/**").authenticated()
                        .pathMatchers(HttpMethod.GET, "/api/**").authenticated()
                        .pathMatchers(HttpMethod.HEAD, "/api/**").authenticated()
                        .pathMatchers("/api/**").hasAnyRole("ADMIN", "SECRETARY", "MEMBER")
                        .anyExchange().denyAll())
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
                })
                .logout(Customizer.withDefaults())
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .authorizeExchange(a -> a
                        .pathMatchers("/login", "/pristupnost", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/actuator/health", "/actuator/health/**",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // Web UI: the same coarse role gates as the API; record-level rights stay with aggregates and read models.
                        .pathMatchers("/audit", "/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .pathMatchers("/admin", "/admin/**").hasRole("ADMIN")
                        .pathMatchers(HttpMethod.POST, "/logout").authenticated()
                        .pathMatchers(HttpMethod.POST, "/**").hasAnyRole("ADMIN", "SECRETARY", "MEMBER")
                        .anyExchange().authenticated())
                .headers(this::headers)
                .build();
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

    private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException e, LoginThrottle throttle) {
        if (e instanceof LockedException) {
            String name = basicUserName(exchange);
            long seconds = Math.max(1, throttle.retryAfter(name).toSeconds());
            exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
            return SecurityProblems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "LOGIN_THROTTLED",
                    "Příliš mnoho neúspěšných přihlášení; zkuste to později.", "Too many failed logins; try again later.");
        }
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Basic realm=\"Souhra\", charset=\"UTF-8\"");
        return SecurityProblems.write(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                "Přihlaste se prosím.", "Please authenticate.");
    }

    private static String basicUserName(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "";
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), java.nio.charset.StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }
}
