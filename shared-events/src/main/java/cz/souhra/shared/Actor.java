package cz.souhra.shared;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who acts: the authenticated user, the institution they act for, their roles, the bodies they are
 * secretary of and the regions they act in (their tenants: the region of their institution and of every
 * body their institution is a member of or they are secretary of). Built at the HTTP edge from the
 * security principal only; travels to aggregates in command metadata so that rights that depend on the
 * aggregate's state (owner of this measure, secretary of this meeting's body, this region) are
 * decided where that state is.
 */
public record Actor(String user, String institution, Set<Role> roles, Set<String> secretaryOf, Set<String> regions) {

    public enum Role { ADMIN, SECRETARY, MEMBER, AUDITOR }

    /** Command-only keys: rights are needed to decide, not to be kept in the record. */
    public static final String ROLES = "roles";
    public static final String SECRETARY_OF = "secretaryOf";
    public static final String REGIONS = "regions";

    /** The acting user of what Souhra does by itself (the first administrator's account, schedules); no account may take it. */
    public static final String SYSTEM = "system";

    public Actor {
        roles = Set.copyOf(roles);
        secretaryOf = Set.copyOf(secretaryOf);
        regions = regions == null ? Set.of() : Set.copyOf(regions);
    }

    /** An actor whose regions are not resolved (yet): acts in no region unless an administrator. */
    public Actor(String user, String institution, Set<Role> roles, Set<String> secretaryOf) {
        this(user, institution, roles, secretaryOf, Set.of());
    }

    public Actor withRegions(Set<String> resolved) {
        return new Actor(user, institution, roles, secretaryOf, resolved);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isSecretaryOf(String bodyId) {
        return has(Role.ADMIN) || (has(Role.SECRETARY) && secretaryOf.contains(bodyId));
    }

    /** Administrators act in every region; anyone else in the regions resolved for them. */
    public boolean actsIn(String region) {
        return has(Role.ADMIN) || (region != null && regions.contains(region));
    }

    public boolean actsFor(String institutionId) {
        return institution != null && institution.equals(institutionId);
    }

    /** Command metadata: user and institution are copied onto every event, roles and regions stay with the command. */
    public Map<String, Object> toMetaData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MetaKeys.USER, user);
        if (institution != null) {
            m.put(MetaKeys.INSTITUTION, institution);
        }
        m.put(ROLES, roles.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        m.put(SECRETARY_OF, secretaryOf.stream().sorted().collect(Collectors.joining(",")));
        m.put(REGIONS, regions.stream().sorted().collect(Collectors.joining(",")));
        return m;
    }

    public static Actor fromMetaData(Map<String, ?> metaData) {
        Object user = metaData.get(MetaKeys.USER);
        Object institution = metaData.get(MetaKeys.INSTITUTION);
        return new Actor(
                user == null ? "anonymous" : user.toString(),
                institution == null ? null : institution.toString(),
                split(metaData.get(ROLES)).stream().map(Role::valueOf).collect(Collectors.toSet()),
                split(metaData.get(SECRETARY_OF)),
                split(metaData.get(REGIONS)));
    }

    private static Set<String> split(Object value) {
        if (value == null || value.toString().isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
