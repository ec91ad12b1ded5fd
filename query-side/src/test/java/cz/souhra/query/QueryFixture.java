package cz.souhra.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.lang.reflect.Proxy;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import cz.souhra.query.body.DirectoryProjection;
import cz.souhra.query.body.DirectoryQueryHandler;
import cz.souhra.query.common.MemoryViews;
import cz.souhra.query.common.Projector;
import cz.souhra.query.common.ReadModels;
import cz.souhra.query.common.Replay;
import cz.souhra.query.common.ViewsAt;
import cz.souhra.query.dashboard.DashboardQueryHandler;
import cz.souhra.query.history.HistoryProjection;
import cz.souhra.query.history.HistoryQueryHandler;
import cz.souhra.query.issue.IssueProjection;
import cz.souhra.query.issue.IssueQueryHandler;
import cz.souhra.query.measure.MeasureProjection;
import cz.souhra.query.measure.MeasureQueryHandler;
import cz.souhra.query.meeting.MeetingProjection;
import cz.souhra.query.meeting.MeetingQueryHandler;
import cz.souhra.query.rebuild.EventArchive;
import cz.souhra.query.rebuild.ReadModelDigest;
import cz.souhra.query.rebuild.RebuildService;
import cz.souhra.shared.MetaKeys;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The query side wired by hand on an in-memory Mongo-protocol server (the real MongoDB driver talks to
 * it) and an in-memory Axon event store. {@link #deliver} is what the live tracking processor does for
 * one event; {@link #append} is what the command side does.
 */
public final class QueryFixture implements AutoCloseable {

    public static final String REGION = "LBK";

    private static final MongoServer SERVER = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
    private static final MongoClient CLIENT;

    static {
        SERVER.bind();
        CLIENT = MongoClients.create("mongodb://" + SERVER.getLocalAddress().getHostString() + ":" + SERVER.getLocalAddress().getPort());
    }

    public final MongoTemplate mongo;
    public final ReadModels readModels;
    public final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    public final MeasureProjection measures;
    public final MeetingProjection meetings;
    public final IssueProjection issues;
    public final DirectoryProjection directory;
    public final HistoryProjection history;
    public final List<Projector> projectors;
    public final EmbeddedEventStore eventStore;
    public final Replay replay;
    public final MeasureQueryHandler measureQueries;
    public final IssueQueryHandler issueQueries;
    public final MeetingQueryHandler meetingQueries;
    public final DirectoryQueryHandler directoryQueries;
    public final HistoryQueryHandler historyQueries;
    public final cz.souhra.query.history.HistorySubjectIndex historyIndex;
    public final DashboardQueryHandler dashboards;
    public final RebuildService rebuild;
    public final ReadModelDigest digest;
    public final List<DomainEventMessage<?>> appended = new ArrayList<>();
    /** The day the queries are asked on: the scenario's March 2026, unless a test moves it. */
    public final TestClock clock = new TestClock(Instant.parse("2026-03-20T08:00:00Z"));

    public QueryFixture() {
        mongo = new MongoTemplate(CLIENT, "q" + UUID.randomUUID().toString().replace("-", ""));
        readModels = new ReadModels(mongo);
        measures = new MeasureProjection(mongo, emitter);
        meetings = new MeetingProjection(mongo, emitter);
        issues = new IssueProjection(mongo);
        directory = new DirectoryProjection(mongo);
        history = new HistoryProjection(mongo);
        projectors = List.of(directory, history, issues, measures, meetings);
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        replay = new Replay(eventStore);
        historyIndex = new cz.souhra.query.history.HistorySubjectIndex(readModels);
        historyQueries = new HistoryQueryHandler(readModels, historyIndex);
        ViewsAt viewsAt = new ViewsAt(readModels, replay);
        measureQueries = new MeasureQueryHandler(readModels, viewsAt, replay, measures, historyQueries, clock);
        issueQueries = new IssueQueryHandler(viewsAt, replay, issues);
        meetingQueries = new MeetingQueryHandler(readModels, viewsAt, meetings);
        directoryQueries = new DirectoryQueryHandler(readModels, viewsAt, directory, clock);
        dashboards = new DashboardQueryHandler(measureQueries, issueQueries, directoryQueries);
        rebuild = rebuildService(eventStore, projectors, null, null);
        digest = new ReadModelDigest(readModels, projectors);
    }

    /**
     * A rebuild of these projectors' read models from {@code store}, as Spring would wire it: the live
     * processors are looked up by processing group ({@code null}: no processing configuration at all) and
     * the stored history may be offered in one read ({@code archive}, {@code null}: none).
     */
    public RebuildService rebuildService(EventStore store, List<Projector> projectors, Function<String, ? extends EventProcessor> processors,
                                         EventArchive archive) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        if (processors != null) {
            beans.registerSingleton("processing", Proxy.newProxyInstance(QueryFixture.class.getClassLoader(), new Class<?>[] {EventProcessingConfiguration.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("eventProcessorByProcessingGroup")) {
                            return Optional.ofNullable(processors.apply((String) args[0]));
                        }
                        throw new UnsupportedOperationException(method.getName());
                    }));
        }
        if (archive != null) {
            beans.registerSingleton("archive", archive);
        }
        return new RebuildService(store, mongo, readModels, projectors, beans.getBeanProvider(EventProcessingConfiguration.class),
                beans.getBeanProvider(EventArchive.class), "domainevents");
    }

    /** A stored event as the command side would record it: aggregate, sequence, timestamp, metadata. */
    public static DomainEventMessage<?> event(String type, String aggregateId, long seq, Object payload, Instant at, String user, String institution,
                                              Instant effectiveAt) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(MetaKeys.USER, user);
        meta.put(MetaKeys.INSTITUTION, institution);
        meta.put(MetaKeys.REGION, REGION);
        meta.put(MetaKeys.CORRELATION_ID, UUID.randomUUID().toString());
        if (effectiveAt != null) {
            meta.put(MetaKeys.EFFECTIVE_AT, effectiveAt.toString());
        }
        return new GenericDomainEventMessage<>(type, aggregateId, seq, payload, meta, UUID.randomUUID().toString(), at);
    }

    public void append(DomainEventMessage<?> e) {
        eventStore.publish(e);
        appended.add(e);
    }

    /** The live projections' handling of one delivered event (write, guarded by sequence). */
    public void deliver(DomainEventMessage<?> e) {
        for (Projector p : projectors) {
            readModels.live().fold(p, e.getPayload(), cz.souhra.query.common.EventMeta.of(e));
        }
    }

    /** As the Axon processor would: through each projection's event handler, which also notifies subscribers. */
    public void appendAndDeliverLive(DomainEventMessage<?> e) {
        append(e);
        for (Object projection : projectors) {
            try {
                new org.axonframework.eventhandling.AnnotationEventHandlerAdapter(projection).handle(e);
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        }
    }

    public void appendAndDeliver(DomainEventMessage<?> e) {
        append(e);
        deliver(e);
    }

    /** Every read-model document of the active generation, by logical collection. */
    public Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> out = new java.util.TreeMap<>();
        for (Projector p : projectors) {
            for (String c : p.collections()) {
                List<Document> docs = new ArrayList<>();
                readModels.collection(c).find().forEach(docs::add);
                out.put(c, docs);
            }
        }
        return out;
    }

    public static Map<String, List<Document>> snapshot(MemoryViews views, List<Projector> projectors) {
        Map<String, List<Document>> out = new java.util.TreeMap<>();
        projectors.forEach(p -> p.collections().forEach(c -> out.put(c, views.all(c))));
        return out;
    }

    public MongoCollection<Document> collection(String logical) {
        return readModels.collection(logical);
    }

    @Override
    public void close() {
        eventStore.shutDown();
        mongo.getDb().drop();
    }
}
