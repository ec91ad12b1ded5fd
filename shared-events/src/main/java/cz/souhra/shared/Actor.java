package cz.souhra.shared;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who acts: the authenticated user, the institution they act for, their roles and the bodies they
 * are secretary of. Built at the HTTP edge from the security principal only; travels to aggregates in
 * command metadata so that rights that depend on the aggregate's state (owner of this measure,
 * secretary of this meeting's body) are decided where that state is.
 */
public record Actor(String user, String institution, Set<Role> roles, Set<String> secretaryOf) {

    public enum Role { ADMIN, SECRETARY, MEMBER, AUDITOR }

    /** Command-only keys: rights are needed to decide, not to be kept in the record. */
    public static final String ROLES = "roles";
    public static final String SECRETARY_OF = "secretaryOf";

    public Actor {
        roles = Set.copyOf(roles);
        secretaryOf = Set.copyOf(secretaryOf);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isSecretaryOf(String bodyId) {
        return has(Role.ADMIN) || (has(Role.SECRETARY) && secretaryOf.contains(bodyId));
    }

    public boolean actsFor(String institutionId) {
        return institution != null && institution.equals(institutionId);
    }

    /** Command metadata: user and institution are copied onto every event, roles stay with the command. */
    public Map<String, Object> toMetaData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MetaKeys.USER, user);
        if (institution != null) {
            m.put(MetaKeys.INSTITUTION, institution);
        }
        m.put(ROLES, roles.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        m.put(SECRETARY_OF, secretaryOf.stream().sorted().collect(Collectors.joining(",")));
        return m;
    }

    public static Actor fromMetaData(Map<String, ?> metaData) {
        Object user = metaData.get(MetaKeys.USER);
        Object institution = metaData.get(MetaKeys.INSTITUTION);
        return new Actor(
                user == null ? "anonymous" : user.toString(),
                institution == null ? null : institution.toString(),
                split(metaData.get(ROLES)).stream().map(Role::valueOf).collect(Collectors.toSet()),
                split(metaData.get(SECRETARY_OF)));
    }

    private static Set<String> split(Object value) {
        if (value == null || value.toString().isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
