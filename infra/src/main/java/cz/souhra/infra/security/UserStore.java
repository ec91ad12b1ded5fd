package cz.souhra.infra.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import cz.souhra.shared.Actor;

/**
 * Accounts in the {@code users} collection. Roles, institution and secretaryships are a projection of the
 * user events (and of body secretary appointments); the password hash is written here directly by the
 * same request that recorded the event, and never enters the event stream: the stream is exported to
 * auditors and chained in the ledger, and a credential must not live forever in an append-only record.
 * <p>
 * A SECRETARY right comes in two forms: the bare role (granted without a body) and one entry in
 * {@code secretaryOf} per body. Revoking the last body leaves the bare role only if it was granted bare.
 */
@Component
public class UserStore {

    static final String COLLECTION = "users";

    private final MongoCollection<Document> users;

    public UserStore(MongoTemplate mongo) {
        this.users = mongo.getCollection(COLLECTION);
    }

    /** Whether any account has a password; documents made by a secretary appointment alone have none. */
    public boolean anyCanLogIn() {
        return users.countDocuments(Filters.exists("passwordHash")) > 0;
    }

    public Optional<SouhraPrincipal> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        Document d = users.find(Filters.eq("_id", username)).first();
        if (d == null || d.getString("passwordHash") == null) {
            return Optional.empty();
        }
        Set<Actor.Role> roles = roles(d);
        var authorities = roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).collect(Collectors.toList());
        return Optional.of(new SouhraPrincipal(username, d.getString("passwordHash"), !d.getBoolean("disabled", false), authorities,
                d.getString("institution"), roles, new HashSet<>(d.getList("secretaryOf", String.class, List.of()))));
    }

    public List<UserView> all() {
        List<UserView> out = new ArrayList<>();
        users.find().sort(Sorts.ascending("_id")).forEach(d -> out.add(view(d)));
        return out;
    }

    public Optional<UserView> view(String username) {
        return Optional.ofNullable(users.find(Filters.eq("_id", username)).first()).map(UserStore::view);
    }

    public void setPasswordHash(String username, String hash) {
        users.updateOne(Filters.eq("_id", username), Updates.set("passwordHash", hash), new UpdateOptions().upsert(true));
    }

    void registered(String username, String institution, List<String> roles, String displayName, String email) {
        users.updateOne(Filters.eq("_id", username), Updates.combine(Updates.set("institution", institution),
                Updates.addEachToSet("roles", roles), Updates.set("displayName", displayName), Updates.set("email", email)),
                new UpdateOptions().upsert(true));
    }

    /** Enabled members of the institution who gave an e-mail address: whom a measure's reminders go to. */
    public List<Recipient> membersOf(String institution) {
        return recipients(Filters.and(Filters.eq("institution", institution), Filters.eq("roles", Actor.Role.MEMBER.name())));
    }

    /** Enabled secretaries of the body who gave an e-mail address: whom a meeting's digest goes to. */
    public List<Recipient> secretariesOf(String bodyId) {
        return recipients(Filters.eq("secretaryOf", bodyId));
    }

    private List<Recipient> recipients(org.bson.conversions.Bson filter) {
        List<Recipient> out = new ArrayList<>();
        users.find(Filters.and(filter, Filters.ne("disabled", true))).sort(Sorts.ascending("_id")).forEach(d -> {
            String email = d.getString("email");
            if (email != null && !email.isBlank()) {
                out.add(new Recipient(d.getString("_id"), d.getString("displayName"), email));
            }
        });
        return out;
    }

    public record Recipient(String user, String displayName, String email) {}

    void granted(String username, String role, String bodyId) {
        users.updateOne(Filters.eq("_id", username), bodyId == null ? Updates.addToSet("roles", role) : Updates.addToSet("secretaryOf", bodyId),
                new UpdateOptions().upsert(true));
    }

    void revoked(String username, String role, String bodyId) {
        users.updateOne(Filters.eq("_id", username), bodyId == null ? Updates.pull("roles", role) : Updates.pull("secretaryOf", bodyId));
    }

    void disabled(String username) {
        users.updateOne(Filters.eq("_id", username), Updates.set("disabled", true));
    }

    private static Set<Actor.Role> roles(Document d) {
        Set<Actor.Role> roles = EnumSet.noneOf(Actor.Role.class);
        for (String r : d.getList("roles", String.class, List.of())) {
            roles.add(Actor.Role.valueOf(r));
        }
        if (!d.getList("secretaryOf", String.class, List.of()).isEmpty()) {
            roles.add(Actor.Role.SECRETARY);
        }
        return roles;
    }

    private static UserView view(Document d) {
        return new UserView(d.getString("_id"), d.getString("displayName"), d.getString("institution"),
                roles(d).stream().map(Enum::name).sorted().toList(),
                d.getList("secretaryOf", String.class, List.of()).stream().sorted().toList(), d.getBoolean("disabled", false));
    }
}
