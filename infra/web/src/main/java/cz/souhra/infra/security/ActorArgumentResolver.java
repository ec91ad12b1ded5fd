package cz.souhra.infra.security;

import java.util.function.UnaryOperator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.query.common.Access;
import cz.souhra.shared.Actor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Gives controllers the acting {@link Actor}, built only from the authenticated principal: whatever a
 * request body or header claims about user or institution is never looked at. The regions the actor acts
 * in are resolved here from the directory read model (a blocking read, so off the event loop), so that
 * commands and queries alike see the same tenants.
 */
@Configuration(proxyBeanMethods = false)
class ActorArgumentResolver implements HandlerMethodArgumentResolver, WebFluxConfigurer {

    private final UnaryOperator<Actor> regions;

    @Autowired
    ActorArgumentResolver(Access access) {
        this(access::withRegions);
    }

    ActorArgumentResolver(UnaryOperator<Actor> regions) {
        this.regions = regions;
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(c -> c.getAuthentication() == null ? null : c.getAuthentication().getPrincipal())
                .filter(SouhraPrincipal.class::isInstance)
                .map(p -> ((SouhraPrincipal) p).actor())
                .flatMap(a -> needsRegions(a) ? Mono.fromCallable(() -> (Object) regions.apply(a)).subscribeOn(Schedulers.boundedElastic())
                        : Mono.just((Object) a))
                // Built only when it is thrown: created up front, every request paid for an exception and its
                // stack trace through the reactive chain (7 % of the request threads' allocation under load).
                .switchIfEmpty(Mono.error(() -> new org.springframework.security.access.AccessDeniedException("no principal")));
    }

    /** Administrators and auditors without another role act in all regions or in none: nothing to read. */
    private static boolean needsRegions(Actor a) {
        return a.has(Actor.Role.SECRETARY) || a.has(Actor.Role.MEMBER);
    }
}
