package cz.souhra.infra.security;

import java.util.List;

/** An account as administrators see it: never the password hash; {@code mustChangePassword} after a reset, until its owner chose one. */
public record UserView(String user, String displayName, String institution, List<String> roles, List<String> secretaryOf,
                       boolean disabled, boolean mustChangePassword) {
}
