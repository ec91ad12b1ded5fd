package cz.souhra.infra.security;

import java.util.List;

/** An account as administrators see it: never the password hash. */
public record UserView(String user, String displayName, String institution, List<String> roles, List<String> secretaryOf,
                       boolean disabled) {
}
