package cz.souhra.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cz.souhra.query.body.DirectoryProjectionAccess;
import cz.souhra.query.issue.IssueProjectionAccess;
import cz.souhra.query.measure.MeasureProjection;
import cz.souhra.query.measure.MeasureProjectionAccess;
import cz.souhra.query.measure.MeasureQueryHandler;
import cz.souhra.query.meeting.MeetingProjectionAccess;
import cz.souhra.shared.MetaKeys;
import cz.souhra.shared.events.body.BodyEstablishedEvent;
import cz.souhra.shared.events.body.MemberAdmittedEvent;
import cz.souhra.shared.events.issue.IssueRaisedEvent;
import cz.souhra.shared.events.issue.IssueResolvedEvent;
import cz.souhra.shared.events.measure.DeadlineExtendedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureBecameOverdueEvent;
import cz.souhra.shared.events.measure.MeasureCompletedEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.events.meeting.MeetingConvenedEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
import cz.souhra.shared.events.meeting.ResolutionAdoptedEvent;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Attendance;
import cz.souhra.shared.model.AttendanceStatus;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.Decision;
import cz.souhra.shared.model.IssueCategory;
import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.queries.MeasureQueries;
import cz.souhra.shared.queries.MeasureView;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Property-style checks over random valid histories: the read models built live (with random
 * redeliveries, as at-least-once delivery does) equal a full rebuild; delivering every event twice
 * changes nothing; and a measure as of a random instant equals a replay truncated at that instant.
 */
class ProjectionReplayTest {

    static final RegionCode LBK = RegionCode.of("LBK");
    static final List<String> COLLECTIONS = List.of("measure_status", "measure_history", "meeting_view", "issue_register", "institutions", "bodies");

    MongoServer server;
    MongoClient client;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    /** A random but valid history: a body, meetings with resolutions, issues, measures with progress and decisions. */
    static List<DomainEventMessage<?>> history(long seed) {
        Random r = new Random(seed);
        List<DomainEventMessage<?>> out = new ArrayList<>();
        Map<String, Long> seq = new HashMap<>();
        Instant[] clock = {Instant.parse("2026-01-05T08:00:00Z")};
        java.util.function.BiConsumer<String, Object> emit = (aggregate, payload) -> {
            clock[0] = clock[0].plusSeconds(1 + r.nextInt(3600));
            long s = seq.merge(aggregate, 1L, Long::sum) - 1;
            out.add(new GenericDomainEventMessage<>("T", aggregate, s, payload,
                    MetaData.with(MetaKeys.USER, "user" + r.nextInt(3)).and(MetaKeys.INSTITUTION, "KULK").and(MetaKeys.REGION, "LBK"),
                    java.util.UUID.nameUUIDFromBytes((seed + ":" + out.size()).getBytes()).toString(), clock[0]));
        };
        BodyId body = BodyId.of(uuid(seed, 1));
        emit.accept(body.value(), new BodyEstablishedEvent(body, LBK, BodyKind.WORKING_GROUP, "PS zóny", 4, QuorumRule.MORE_THAN_HALF));
        List<InstitutionId> members = List.of(InstitutionId.of("KULK"), InstitutionId.of("UPLB"), InstitutionId.of("OAMP"));
        members.forEach(m -> emit.accept(body.value(), new MemberAdmittedEvent(body, LBK, m)));
        List<IssueId> issues = new ArrayList<>();
        for (int i = 0; i < 1 + r.nextInt(4); i++) {
            IssueId issue = IssueId.of(uuid(seed, 100 + i));
            issues.add(issue);
            emit.accept(issue.value(), new IssueRaisedEvent(issue, LBK, IssueCategory.values()[r.nextInt(IssueCategory.values().length)],
                    "Podnět " + i, "popis", "Liberec", members.get(r.nextInt(3)), LocalDate.parse("2026-01-01").plusDays(i), null));
        }
        List<MeasureId> measures = new ArrayList<>();
        for (int m = 0; m < 2 + r.nextInt(3); m++) {
            MeetingId meeting = MeetingId.of(uuid(seed, 200 + m));
            Instant at = clock[0].plusSeconds(86_400L * 30);
            emit.accept(meeting.value(), new MeetingScheduledEvent(meeting, LBK, body, at, "KÚ", members, QuorumRule.MORE_THAN_HALF));
            emit.accept(meeting.value(), new MeetingConvenedEvent(meeting, LBK, at, members.stream()
                    .map(x -> new Attendance(x, AttendanceStatus.DELEGATE, "d", null)).toList(), 3, 3, 2));
            ResolutionId res = ResolutionId.of(uuid(seed, 300 + m));
            emit.accept(meeting.value(), new ResolutionAdoptedEvent(meeting, LBK, res, null, m + "/2026", "Usnesení", null));
            for (int k = 0; k < 1 + r.nextInt(3); k++) {
                MeasureId measure = MeasureId.of(uuid(seed, 400 + m * 10 + k));
                measures.add(measure);
                emit.accept(measure.value(), new MeasureAdoptedEvent(measure, LBK, body, meeting, res, at, "Opatření " + k, null,
                        members.get(r.nextInt(3)), LocalDate.parse("2026-06-30").plusDays(r.nextInt(90)), List.of(issues.get(r.nextInt(issues.size()))), null));
            }
            // later activity on random earlier measures
            for (int k = 0; k < r.nextInt(6); k++) {
                MeasureId measure = measures.get(r.nextInt(measures.size()));
                switch (r.nextInt(4)) {
                    case 0 -> emit.accept(measure.value(), new ProgressReportedEvent(measure, LBK, r.nextInt(100), "pokrok", LocalDate.parse("2026-04-01")));
                    case 1 -> emit.accept(measure.value(), new DeadlineExtendedEvent(measure, LBK, LocalDate.parse("2026-12-31"), LocalDate.parse("2026-06-30"),
                            "prodlouženo", new Decision(meeting, res, body, at)));
                    case 2 -> emit.accept(measure.value(), new MeasureBecameOverdueEvent(measure, LBK, LocalDate.parse("2026-06-30"), LocalDate.parse("2026-07-01")));
                    default -> emit.accept(measure.value(), new MeasureCompletedEvent(measure, LBK, "hotovo", LocalDate.parse("2026-05-01")));
                }
            }
        }
        emit.accept(issues.get(0).value(), new IssueResolvedEvent(issues.get(0), LBK, "vyřešeno", LocalDate.parse("2026-08-01")));
        return out;
    }

    static String uuid(long seed, int n) {
        return java.util.UUID.nameUUIDFromBytes((seed + "/" + n).getBytes()).toString();
    }

    record Projections(MongoTemplate mongo, MeasureProjectionAccess measures, MeetingProjectionAccess meetings, IssueProjectionAccess issues,
                       DirectoryProjectionAccess directory) {
        void deliver(DomainEventMessage<?> e) {
            measures.deliver(e);
            meetings.deliver(e);
            issues.deliver(e);
            directory.deliver(e);
        }

        /** Canonical content of the read models: documents sorted by id, keys sorted. */
        Map<String, List<String>> content() {
            Map<String, List<String>> out = new TreeMap<>();
            for (String c : COLLECTIONS) {
                List<String> docs = new ArrayList<>();
                mongo.getCollection(c).find().forEach(d -> docs.add(canonical(d)));
                docs.sort(Comparator.naturalOrder());
                out.put(c, docs);
            }
            return out;
        }
    }

    static String canonical(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            new TreeMap<>(m).forEach((k, v) -> sb.append(k).append('=').append(canonical(v)).append(';'));
            return sb.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            l.forEach(x -> sb.append(canonical(x)).append(','));
            return sb.append(']').toString();
        }
        return String.valueOf(o);
    }

    Projections projections(String db) {
        MongoTemplate mongo = new MongoTemplate(client, db);
        var emitter = SimpleQueryUpdateEmitter.builder().build();
        return new Projections(mongo, new MeasureProjectionAccess(new MeasureProjection(mongo, emitter)),
                new MeetingProjectionAccess(mongo, emitter), new IssueProjectionAccess(mongo), new DirectoryProjectionAccess(mongo));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void given_random_history_with_redeliveries_when_built_live_then_equals_full_rebuild(long seed) {
        List<DomainEventMessage<?>> events = history(seed);
        Random r = new Random(seed * 31);
        Projections live = projections("live" + seed);
        for (DomainEventMessage<?> e : events) {
            live.deliver(e);
            if (r.nextInt(4) == 0) {
                live.deliver(e); // at-least-once: the same event again
            }
            if (r.nextInt(5) == 0) {
                live.deliver(events.get(r.nextInt(events.indexOf(e) + 1))); // an older event redelivered after a restart
            }
        }
        Projections rebuilt = projections("rebuild" + seed);
        events.forEach(rebuilt::deliver);
        assertThat(live.content()).isEqualTo(rebuilt.content());
        assertThat(rebuilt.content().get("measure_status")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void given_every_event_delivered_twice_then_read_models_unchanged(long seed) {
        List<DomainEventMessage<?>> events = history(seed);
        Projections once = projections("once" + seed);
        events.forEach(once::deliver);
        Map<String, List<String>> before = once.content();
        events.forEach(once::deliver);
        assertThat(once.content()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void given_random_instant_when_measure_asked_as_of_then_equals_truncated_replay(long seed) {
        List<DomainEventMessage<?>> events = history(seed);
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        events.forEach(store::publish);
        MongoTemplate unused = new MongoTemplate(client, "unused" + seed);
        cz.souhra.query.common.ReadModels readModels = new cz.souhra.query.common.ReadModels(unused);
        cz.souhra.query.common.Replay replay = new cz.souhra.query.common.Replay(store);
        MeasureQueryHandler handler = new MeasureQueryHandler(readModels, new cz.souhra.query.common.ViewsAt(readModels, replay), replay,
                new MeasureProjection(unused, SimpleQueryUpdateEmitter.builder().build()),
                new cz.souhra.query.history.HistoryQueryHandler(new cz.souhra.query.common.ReadModels(unused),
                        new cz.souhra.query.history.HistorySubjectIndex(new cz.souhra.query.common.ReadModels(unused))), java.time.Clock.systemUTC());
        Random r = new Random(seed);
        for (int i = 0; i < 10; i++) {
            DomainEventMessage<?> pivot = events.get(r.nextInt(events.size()));
            Instant asOf = pivot.getTimestamp();
            Projections truncated = projections("trunc" + seed + "-" + i);
            events.stream().filter(e -> !e.getTimestamp().isAfter(asOf)).forEach(truncated::deliver);
            List<Document> expected = truncated.mongo().getCollection(MeasureProjection.STATUS).find().into(new ArrayList<>());
            for (Document d : expected) {
                MeasureView truncatedView = cz.souhra.query.common.Views.fromDocument(d, MeasureView.class);
                MeasureView asOfView = handler.find(new MeasureQueries.FindMeasure(truncatedView.measureId(), asOf));
                // overdue is derived for the day asked about, from the same stored view
                assertThat(asOfView).isEqualTo(cz.souhra.query.measure.Overdue.on(truncatedView, java.time.LocalDate.ofInstant(asOf, cz.souhra.query.measure.Overdue.PRAGUE)));
            }
            List<MeasureView> register = handler.all(asOf);
            assertThat(register).hasSize(expected.size());
        }
    }
}
