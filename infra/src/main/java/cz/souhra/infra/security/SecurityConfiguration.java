package cz.souhra.infra.security;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Security on by default. Scripts use HTTP Basic on {@code /api/**} (stateless, so no cookie can be
 * abused and CSRF does not apply there); browsers log in with a form, get a session cookie and CSRF
 * tokens. Role rules here are the coarse gate; rights that depend on the record (secretary of this body,
 * owner of this measure) are decided by the aggregates and read models.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt with a random salt per password, upgradable through the {id} prefix.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ReactiveUserDetailsService userDetailsService(UserStore users) {
        return username -> Mono.fromCallable(() -> users.find(username).orElse(null)).subscribeOn(Schedulers.boundedElastic()).cast(
                org.springframework.security.core.userdetails.UserDetails.class);
    }

    @Bean
    ReactiveAuthenticationManager authenticationManager(ReactiveUserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        UserDetailsRepositoryReactiveAuthenticationManager delegate = new UserDetailsRepositoryReactiveAuthenticationManager(users);
        delegate.setPasswordEncoder(encoder);
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
    SecurityWebFilterChain api(ServerHttpSecurity http, ReactiveAuthenticationManager authentication) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
                .authenticationManager(authentication)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::unauthorized))
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfiguration::unauthorized)
                        .accessDeniedHandler((exchange, denied) -> SecurityProblems.write(exchange, HttpStatus.FORBIDDEN, "FORBIDDEN",
                                "K této akci nemáte oprávnění.", "You are not allowed to do this.")))
                .authorizeExchange(a -> a
                        .pathMatchers("/api/admin/**").hasRole("ADMIN")
                        .pathMatchers("/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .pathMatchers(HttpMethod.GET, "/api/**").authenticated()
                        .pathMatchers("/api/**").hasAnyRole("ADMIN", "SECRETARY", "MEMBER")
                        .anyExchange().denyAll())
                .headers(this::headers)
                .build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain web(ServerHttpSecurity http, ReactiveAuthenticationManager authentication) {
        return http
                .authenticationManager(authentication)
                .formLogin(form -> form.loginPage("/login"))
                .logout(logout -> logout.logoutUrl("/logout"))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .authorizeExchange(a -> a
                        .pathMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/actuator/health/**",
                                "/actuator/health", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .anyExchange().authenticated())
                .headers(this::headers)
                .build();
    }

    private void headers(ServerHttpSecurity.HeaderSpec headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                        + "script-src 'self'; frame-ancestors 'none'; form-action 'self'"))
                .frameOptions(f -> f.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                .referrerPolicy(r -> r.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN))
                .hsts(h -> h.maxAge(Duration.ofDays(365)).includeSubdomains(true));
    }

    private static Mono<Void> unauthorized(org.springframework.web.server.ServerWebExchange exchange, AuthenticationException e) {
        if (e instanceof LockedException) {
            return SecurityProblems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "LOGIN_THROTTLED",
                    "Příliš mnoho neúspěšných přihlášení; zkuste to později.", "Too many failed logins; try again later.");
        }
        return SecurityProblems.write(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                "Přihlaste se prosím.", "Please authenticate.");
    }
}
