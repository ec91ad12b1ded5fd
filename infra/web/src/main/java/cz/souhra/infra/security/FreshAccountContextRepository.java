package cz.souhra.infra.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A browser session remembers who logged in, not what they may do: at every request the account is read
 * again (through {@link UserStore}'s short cache, which every change in this process clears), so a revoked
 * role or a disabled account takes effect at the next click rather than at the next login. A session whose
 * account is gone or disabled is treated as anonymous.
 */
class FreshAccountContextRepository implements ServerSecurityContextRepository {

    private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
    private final UserStore users;

    FreshAccountContextRepository(UserStore users) {
        this.users = users;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return sessions.save(exchange, context);
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return sessions.load(exchange)
                .filter(c -> c.getAuthentication() != null)
                .flatMap(c -> account(c.getAuthentication().getName()))
                .filter(SouhraPrincipal::isEnabled)
                .map(p -> {
                    // The hash stays in the store; the session-held authentication needs no credentials.
                    SouhraPrincipal fresh = p.withoutPassword();
                    return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
                });
    }

    private Mono<SouhraPrincipal> account(String username) {
        // a blocking thread even for a cached account, as in SecurityConfiguration's user details service
        return Mono.fromCallable(() -> users.find(username).orElse(null)).subscribeOn(Schedulers.boundedElastic());
    }
}
