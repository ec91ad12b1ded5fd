package cz.souhra.infra.audit;

import cz.souhra.query.audit.*;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

/**
 * The determinism proof: every read-model projection is instantiated a second time against a shadow
 * database, fed every stored event in order, and the canonical digest of each shadow collection is
 * compared with the live one. A projection that read the clock, a random source or anything but its
 * events would build a different shadow, and the first differing document is named.
 *
 * <p>Projections are found by their {@code @ProcessingGroup}; the ledger, the account projection and the
 * command side's due-date schedule and reference table are not read models and are left out.
 */
@Component
public class DeterminismCheck {

    /**
     * Besides what is no read model, the search index: it is a Lucene index in this process's data directory, not
     * a collection a shadow database could hold (a shadow instance would write into the live index); its own
     * check is {@code SearchIndex#digest} of the live index against one built from the events
     * ({@code SearchIndexTest}, {@code SearchHttpTest}).
     */
    static final Set<String> NOT_READ_MODELS = Set.of("ledger", "users", "measure-deadlines", "command-lookup", "search");

    public record CollectionResult(String collection, String liveDigest, String rebuiltDigest, boolean equal, String firstDifference) {}

    public record Result(boolean deterministic, long events, List<CollectionResult> collections) {}

    private final ApplicationContext context;
    private final EventStore events;
    private final MongoClient client;
    private final String database;

    public DeterminismCheck(ApplicationContext context, EventStore events, MongoClient client, MongoProperties properties) {
        this.context = context;
        this.events = events;
        this.client = client;
        this.database = properties.getMongoClientDatabase();
    }

    public Result run(BiConsumer<Long, String> progress) {
        String shadowName = database + "_shadow";
        MongoDatabase shadow = client.getDatabase(shadowName);
        shadow.drop();
        MongoTemplate shadowTemplate = new MongoTemplate(client, shadowName);
        Map<String, Object> originals = new LinkedHashMap<>();
        for (Map.Entry<String, Object> bean : context.getBeansWithAnnotation(ProcessingGroup.class).entrySet()) {
            ProcessingGroup group = AnnotationUtils.findAnnotation(bean.getValue().getClass(), ProcessingGroup.class);
            if (group != null && !NOT_READ_MODELS.contains(group.value())) {
                originals.put(bean.getKey(), bean.getValue());
            }
        }
        List<AnnotationEventHandlerAdapter> shadows = new ArrayList<>();
        try (AnnotationConfigApplicationContext child = new AnnotationConfigApplicationContext()) {
            child.setParent(context);
            DefaultListableBeanFactory factory = child.getDefaultListableBeanFactory();
            RootBeanDefinition template = new RootBeanDefinition(MongoTemplate.class, () -> shadowTemplate);
            template.setPrimary(true);
            factory.registerBeanDefinition("shadowMongoTemplate", template);
            RootBeanDefinition emitter = new RootBeanDefinition(QueryUpdateEmitter.class, () -> SimpleQueryUpdateEmitter.builder().build());
            emitter.setPrimary(true); // live subscribers must never see shadow views
            factory.registerBeanDefinition("shadowEmitter", emitter);
            for (Map.Entry<String, Object> o : originals.entrySet()) {
                factory.registerBeanDefinition("shadow-" + o.getKey(), new RootBeanDefinition(o.getValue().getClass()));
            }
            child.refresh();
            for (String name : originals.keySet()) {
                shadows.add(new AnnotationEventHandlerAdapter(child.getBean("shadow-" + name)));
            }
            long count = 0;
            try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                while (stream.hasNextAvailable()) {
                    TrackedEventMessage<?> e = stream.nextAvailable();
                    for (AnnotationEventHandlerAdapter s : shadows) {
                        if (s.canHandle(e)) {
                            s.handle(e);
                        }
                    }
                    if (++count % 1000 == 0) {
                        progress.accept(count, "replayed");
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("Replay into the shadow read models failed", e);
            }
            progress.accept(count, "replayed");
            MongoDatabase live = client.getDatabase(database);
            List<CollectionResult> results = new ArrayList<>();
            for (String collection : shadow.listCollectionNames().into(new ArrayList<>()).stream().sorted().toList()) {
                results.add(compare(collection, live, shadow));
            }
            return new Result(results.stream().allMatch(CollectionResult::equal), count, results);
        }
    }

    private static CollectionResult compare(String collection, MongoDatabase live, MongoDatabase shadow) {
        TreeMap<String, String> a = canonical(live, collection);
        TreeMap<String, String> b = canonical(shadow, collection);
        String first = null;
        for (String id : union(a, b)) {
            if (!java.util.Objects.equals(a.get(id), b.get(id))) {
                first = collection + "/" + id + ": live " + abbreviate(a.get(id)) + " vs rebuilt " + abbreviate(b.get(id));
                break;
            }
        }
        return new CollectionResult(collection, digest(a), digest(b), first == null, first);
    }

    private static List<String> union(TreeMap<String, String> a, TreeMap<String, String> b) {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(a.keySet());
        ids.addAll(b.keySet());
        return new ArrayList<>(ids);
    }

    private static String abbreviate(String s) {
        return s == null ? "(missing)" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    static TreeMap<String, String> canonical(MongoDatabase db, String collection) {
        TreeMap<String, String> out = new TreeMap<>();
        db.getCollection(collection).find().forEach(d -> out.put(String.valueOf(d.get("_id")), canonical(d)));
        return out;
    }

    static String canonical(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            new TreeMap<>(m).forEach((k, v) -> sb.append('"').append(k).append("\":").append(canonical(v)).append(','));
            return sb.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            l.forEach(x -> sb.append(canonical(x)).append(','));
            return sb.append(']').toString();
        }
        return o instanceof String s ? '"' + s + '"' : String.valueOf(o);
    }

    static String digest(TreeMap<String, String> docs) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            docs.forEach((id, d) -> sha.update((id + "\n" + d + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
