package cz.souhra.infra.security;

import java.util.ArrayList;
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
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import cz.souhra.shared.Actor;

/**
 * Accounts in the {@code users} collection: roles, institution and secretaryships are a projection of the
 * user events; the password hash is written here directly and never enters the event stream (an audit
 * export must not carry credentials).
 */
@Component
public class UserStore {

    private final MongoCollection<Document> users;

    public UserStore(MongoTemplate mongo) {
        this.users = mongo.getCollection("users");
    }

    public boolean isEmpty() {
        return users.countDocuments() == 0;
    }

    public Optional<SouhraPrincipal> find(String username) {
        Document d = users.find(Filters.eq("_id", username)).first();
        if (d == null || d.getString("passwordHash") == null) {
            return Optional.empty();
        }
        Set<Actor.Role> roles = new HashSet<>();
        for (String r : d.getList("roles", String.class, List.of())) {
            roles.add(Actor.Role.valueOf(r));
        }
        Set<String> secretaryOf = new HashSet<>(d.getList("secretaryOf", String.class, List.of()));
        if (!secretaryOf.isEmpty()) {
            roles.add(Actor.Role.SECRETARY);
        }
        var authorities = roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).collect(Collectors.toList());
        return Optional.of(new SouhraPrincipal(username, d.getString("passwordHash"), !d.getBoolean("disabled", false), authorities,
                d.getString("institution"), roles, secretaryOf));
    }

    public List<Document> all() {
        List<Document> out = new ArrayList<>();
        users.find().forEach(d -> {
            d.remove("passwordHash");
            out.add(d);
        });
        return out;
    }

    public void setPasswordHash(String username, String hash) {
        users.updateOne(Filters.eq("_id", username), Updates.set("passwordHash", hash), new UpdateOptions().upsert(true));
    }

    void registered(String username, String institution, List<String> roles, String displayName) {
        users.updateOne(Filters.eq("_id", username), Updates.combine(Updates.set("institution", institution),
                Updates.addEachToSet("roles", roles), Updates.set("displayName", displayName)), new UpdateOptions().upsert(true));
    }

    void granted(String username, String role, String bodyId) {
        users.updateOne(Filters.eq("_id", username), bodyId == null ? Updates.addToSet("roles", role)
                : Updates.combine(Updates.addToSet("roles", role), Updates.addToSet("secretaryOf", bodyId)), new UpdateOptions().upsert(true));
    }

    void revoked(String username, String role, String bodyId) {
        users.updateOne(Filters.eq("_id", username), bodyId == null ? Updates.pull("roles", role) : Updates.pull("secretaryOf", bodyId));
    }

    void disabled(String username) {
        users.updateOne(Filters.eq("_id", username), Updates.set("disabled", true));
    }
}
