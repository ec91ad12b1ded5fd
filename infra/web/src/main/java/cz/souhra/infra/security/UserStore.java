package cz.souhra.infra.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * <p>
 * Every request looks its account up (HTTP Basic, and browser sessions so that a revoked right takes effect at
 * the next click): under the 8-client bench that was one of the two store reads per command. With
 * {@code souhra.security.account-cache} set, the accounts read are kept that long. Every change goes through
 * this class and drops the account's entry after writing, and the user projection runs in the committing
 * thread, so in one process a disabled account or a revoked role is refused at the next request as before;
 * another process on the same store may go on accepting an account it read within that time. Off by default:
 * with 1 s, the frozen-store outage bench answers some requests in 3.5-8 s instead of within 2 s.
 */
@Component
public class UserStore {

    static final String COLLECTION = "users";
    private static final int MAX_ACCOUNTS = 10_000;

    private final MongoCollection<Document> users;
    /** What a request needs of an account; absent accounts are not kept, so a new one is found at once. Null: off. */
    private final Cache<String, Account> accounts;

    private record Account(String passwordHash, boolean enabled, String institution, Set<Actor.Role> roles, Set<String> secretaryOf,
                           boolean mustChangePassword) {}

    public UserStore(MongoTemplate mongo, SecurityProperties properties, Clock clock) {
        this.users = mongo.getCollection(COLLECTION);
        Duration ttl = properties.accountCache();
        this.accounts = ttl.isZero() || ttl.isNegative() ? null : Caffeine.newBuilder()
                .maximumSize(MAX_ACCOUNTS)
                .expireAfterWrite(ttl)
                // the injected clock, so a test can pass the time; upkeep in the calling thread, not the common pool
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    /** Whether any account has a password; documents made by a secretary appointment alone have none. */
    public boolean anyCanLogIn() {
        return users.countDocuments(Filters.exists("passwordHash")) > 0;
    }

    /** Whether this account has a password (an account made by a secretary appointment alone has none). */
    public boolean hasPassword(String username) {
        return users.countDocuments(Filters.and(Filters.eq("_id", username), Filters.exists("passwordHash"))) > 0;
    }

    /** The account that may log in under this name, from the store or read from it within the cache's time. */
    public Optional<SouhraPrincipal> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        // A change's invalidate waits for a load of the same name in flight and then drops what it read.
        return Optional.ofNullable(accounts == null ? load(username) : accounts.get(username, this::load)).map(a -> principal(username, a));
    }

    private void forget(String username) {
        if (accounts != null) {
            accounts.invalidate(username);
        }
    }

    private Account load(String username) {
        Document d = users.find(Filters.eq("_id", username)).first();
        if (d == null || d.getString("passwordHash") == null) {
            return null;
        }
        return new Account(d.getString("passwordHash"), !d.getBoolean("disabled", false), d.getString("institution"), roles(d),
                Set.copyOf(d.getList("secretaryOf", String.class, List.of())), d.getBoolean("mustChangePassword", false));
    }

    /** A new principal each time: Spring's User is a CredentialsContainer whose erasure would change a shared one. */
    private static SouhraPrincipal principal(String username, Account a) {
        var authorities = a.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).collect(Collectors.toList());
        return new SouhraPrincipal(username, a.passwordHash(), a.enabled(), authorities, a.institution(), a.roles(), new HashSet<>(a.secretaryOf()),
                a.mustChangePassword());
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
        forget(username);
    }

    void registered(String username, String institution, List<String> roles, String displayName, String email) {
        users.updateOne(Filters.eq("_id", username), Updates.combine(Updates.set("institution", institution),
                Updates.addEachToSet("roles", roles), Updates.set("displayName", displayName), Updates.set("email", email)),
                new UpdateOptions().upsert(true));
        forget(username);
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
        forget(username);
    }

    void revoked(String username, String role, String bodyId) {
        users.updateOne(Filters.eq("_id", username), bodyId == null ? Updates.pull("roles", role) : Updates.pull("secretaryOf", bodyId));
        forget(username);
    }

    void disabled(String username) {
        users.updateOne(Filters.eq("_id", username), Updates.set("disabled", true));
        forget(username);
    }

    void enabled(String username) {
        users.updateOne(Filters.eq("_id", username), Updates.set("disabled", false));
        forget(username);
    }

    /** After a reset the password is a one-time one; any later change (by its owner or an administrator) ends that. */
    void mustChangePassword(String username, boolean must) {
        users.updateOne(Filters.eq("_id", username), Updates.set("mustChangePassword", must));
        forget(username);
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
                d.getList("secretaryOf", String.class, List.of()).stream().sorted().toList(), d.getBoolean("disabled", false),
                d.getBoolean("mustChangePassword", false));
    }
}
