package cz.souhra.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

import cz.souhra.shared.Actor;

class ActorArgumentResolverTest {

    private final ActorArgumentResolver resolver = new ActorArgumentResolver(a -> a.withRegions(Set.of("JHM")));

    @Test
    void given_an_authenticated_principal_when_resolving_then_the_actor_comes_from_it_with_its_regions() {
        SouhraPrincipal principal = new SouhraPrincipal("tajemnik", "", true, List.of(), "KUJMK", Set.of(Actor.Role.SECRETARY), Set.of("platforma-jmk"));
        var resolved = resolver.resolveArgument(null, null, null)
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new UsernamePasswordAuthenticationToken(principal, null, List.of())));
        assertThat(resolved.block()).isEqualTo(new Actor("tajemnik", "KUJMK", Set.of(Actor.Role.SECRETARY), Set.of("platforma-jmk"), Set.of("JHM")));
    }

    @Test
    void given_no_security_context_when_resolving_then_access_is_denied() {
        assertThatThrownBy(() -> resolver.resolveArgument(null, null, null).block())
                .isInstanceOf(AccessDeniedException.class).hasMessage("no principal");
    }

    @Test
    void given_a_principal_of_another_kind_when_resolving_then_access_is_denied() {
        var resolved = resolver.resolveArgument(null, null, null)
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new UsernamePasswordAuthenticationToken("someone", null, List.of())));
        assertThatThrownBy(resolved::block).isInstanceOf(AccessDeniedException.class);
    }
}
