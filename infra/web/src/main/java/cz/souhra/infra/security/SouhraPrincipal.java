package cz.souhra.infra.security;

import java.util.Collection;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

import cz.souhra.shared.Actor;

/** The authenticated user with what Souhra needs to decide rights: institution and secretaryships. */
public class SouhraPrincipal extends User {

    private final String institution;
    private final Set<Actor.Role> roles;
    private final Set<String> secretaryOf;
    /** The password is a one-time one an administrator set: nothing but choosing a new one until then. */
    private final boolean mustChangePassword;

    public SouhraPrincipal(String username, String passwordHash, boolean enabled, Collection<? extends GrantedAuthority> authorities,
                           String institution, Set<Actor.Role> roles, Set<String> secretaryOf) {
        this(username, passwordHash, enabled, authorities, institution, roles, secretaryOf, false);
    }

    public SouhraPrincipal(String username, String passwordHash, boolean enabled, Collection<? extends GrantedAuthority> authorities,
                           String institution, Set<Actor.Role> roles, Set<String> secretaryOf, boolean mustChangePassword) {
        super(username, passwordHash, enabled, true, true, true, authorities);
        this.institution = institution;
        this.roles = Set.copyOf(roles);
        this.secretaryOf = Set.copyOf(secretaryOf);
        this.mustChangePassword = mustChangePassword;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    public Actor actor() {
        return new Actor(getUsername(), institution, roles, secretaryOf);
    }

    SouhraPrincipal withoutPassword() {
        return new SouhraPrincipal(getUsername(), "", isEnabled(), getAuthorities(), institution, roles, secretaryOf, mustChangePassword);
    }
}
