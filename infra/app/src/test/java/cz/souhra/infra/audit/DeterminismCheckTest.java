package cz.souhra.infra.audit;

import cz.souhra.query.audit.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import cz.souhra.infra.SouhraApplication;
import cz.souhra.infra.TestApplication;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.body.AdmitMemberCommand;
import cz.souhra.shared.commands.body.EstablishBodyCommand;
import cz.souhra.shared.commands.institution.RegisterInstitutionCommand;
import cz.souhra.shared.commands.issue.RaiseIssueCommand;
import cz.souhra.shared.commands.measure.ReportProgressCommand;
import cz.souhra.shared.commands.meeting.AdoptMeasureCommand;
import cz.souhra.shared.commands.meeting.AdoptResolutionCommand;
import cz.souhra.shared.commands.meeting.ConveneMeetingCommand;
import cz.souhra.shared.commands.meeting.ScheduleMeetingCommand;
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
import cz.souhra.shared.model.InstitutionKind;
import cz.souhra.shared.model.IssueCategory;
import cz.souhra.shared.model.QuorumRule;

/**
 * After a random workload through the command side, rebuilding every read model into a shadow database
 * gives the same digest as the live one; a projection that reads the clock is caught and its first
 * differing document named.
 */
@SpringBootTest(classes = SouhraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(DeterminismCheckTest.ClockReadingProjectionConfig.class)
class DeterminismCheckTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestApplication.register(r, TestApplication.newDataDir("souhra-determinism"), "determinism-admin-pw");
    }

    /** A deliberately wrong projection: it stamps documents with the wall clock instead of the event's time. */
    @TestConfiguration
    static class ClockReadingProjectionConfig {
        @org.springframework.context.annotation.Bean
        ClockReadingProjection clockReadingProjection(MongoTemplate mongo) {
            return new ClockReadingProjection(mongo);
        }
    }

    @ProcessingGroup("clock-reading")
    static class ClockReadingProjection {
        private final MongoTemplate mongo;

        ClockReadingProjection(MongoTemplate mongo) {
            this.mongo = mongo;
        }

        @EventHandler
        void on(Object event, EventMessage<?> message) {
            mongo.getCollection("clock_reading").replaceOne(Filters.eq("_id", message.getIdentifier()),
                    new Document("_id", message.getIdentifier()).append("seenAt", Instant.now().toString() + System.nanoTime()),
                    new ReplaceOptions().upsert(true));
        }
    }

    @Autowired
    CommandGateway commands;

    @Autowired
    DeterminismCheck check;

    @Autowired
    MongoTemplate mongo;

    private void send(Object command) {
        Actor admin = new Actor("admin", "KULK", Set.of(Actor.Role.ADMIN), Set.of());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(admin.toMetaData()));
    }

    @Test
    void given_random_workload_when_read_models_rebuilt_into_shadow_then_digests_equal_and_clock_reading_projection_is_caught() {
        Random r = new Random(42);
        RegionCode lbk = RegionCode.of("LBK");
        List<InstitutionId> members = List.of(InstitutionId.of("KULK"), InstitutionId.of("UPLB"), InstitutionId.of("OAMP"));
        members.forEach(m -> send(new RegisterInstitutionCommand(m, lbk, InstitutionKind.REGION_OFFICE, "Instituce " + m)));
        BodyId body = BodyId.random();
        send(new EstablishBodyCommand(body, lbk, BodyKind.PLATFORM, "Regionální platforma", 2, QuorumRule.MORE_THAN_HALF));
        members.forEach(m -> send(new AdmitMemberCommand(body, m, null)));
        IssueId issue = IssueId.random();
        send(new RaiseIssueCommand(issue, lbk, IssueCategory.AGENCY_EMPLOYMENT, "Agenturní zaměstnávání", "popis", "Jablonec", members.get(0),
                LocalDate.parse("2026-02-01"), null));
        List<MeasureId> measures = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            MeetingId meeting = MeetingId.random();
            Instant at = Instant.parse("2026-03-10T09:00:00Z").plusSeconds(86_400L * 90 * m);
            send(new ScheduleMeetingCommand(meeting, body, at, "KÚ Liberec"));
            send(new ConveneMeetingCommand(meeting, at, members.stream().map(x -> new Attendance(x, AttendanceStatus.DELEGATE, "d", null)).toList(), null));
            ResolutionId res = ResolutionId.random();
            send(new AdoptResolutionCommand(meeting, res, null, m + "/2026", "Usnesení", null, null));
            for (int k = 0; k < 3; k++) {
                MeasureId measure = MeasureId.random();
                measures.add(measure);
                send(new AdoptMeasureCommand(meeting, res, measure, "Opatření " + k, null, members.get(r.nextInt(3)), LocalDate.parse("2026-09-30"),
                        List.of(issue), null));
            }
            for (int k = 0; k < 5; k++) {
                send(new ReportProgressCommand(measures.get(r.nextInt(measures.size())), r.nextInt(100), "zpráva " + k, LocalDate.parse("2026-09-01"), null));
            }
        }
        long stored = mongo.getCollection("domainevents").countDocuments();
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection("clock_reading").countDocuments() >= stored
                && mongo.getCollection("event_history").countDocuments() >= stored && mongo.getCollection("measure_status").countDocuments() >= measures.size());

        DeterminismCheck.Result result = check.run((n, what) -> { });

        assertThat(result.events()).isEqualTo(stored);
        assertThat(result.collections()).extracting(DeterminismCheck.CollectionResult::collection).contains("measure_status", "meeting_view", "clock_reading");
        for (DeterminismCheck.CollectionResult c : result.collections()) {
            if (c.collection().equals("clock_reading")) {
                assertThat(c.equal()).as("the clock-reading projection is caught").isFalse();
                assertThat(c.firstDifference()).startsWith("clock_reading/");
            } else {
                assertThat(c.equal()).as(c.collection() + " rebuilt equals live: " + c.firstDifference()).isTrue();
                assertThat(c.rebuiltDigest()).isEqualTo(c.liveDigest());
            }
        }
        assertThat(result.deterministic()).isFalse();
    }
}
