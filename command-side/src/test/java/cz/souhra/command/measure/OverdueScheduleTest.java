package cz.souhra.command.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cz.souhra.shared.commands.measure.MarkMeasureOverdueCommand;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Overdue detection reads persisted due dates, so a node that starts after the due date passed (a
 * restart, a second node) still sends the check; an in-memory timer would have been lost.
 */
class OverdueScheduleTest {

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        mongo = new MongoTemplate(client, "souhra");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void given_due_date_recorded_before_restart_when_new_node_checks_after_due_date_then_overdue_command_sent() {
        new MeasureDeadlines(mongo).on(MeasureTest.adopted(), 0);

        // "Restart": new instances over the same store, clock after the due date.
        MeasureDeadlines afterRestart = new MeasureDeadlines(mongo);
        CommandGateway gateway = Mockito.mock(CommandGateway.class);
        List<Object> sent = new ArrayList<>();
        Mockito.when(gateway.sendAndWait(Mockito.any())).thenAnswer(i -> {
            sent.add(((CommandMessage<?>) i.getArgument(0)).getPayload());
            return null;
        });
        Clock july = Clock.fixed(Instant.parse("2026-07-01T08:00:00Z"), ZoneOffset.UTC);
        int count = new OverdueSchedule(afterRestart, gateway, july).checkNow();

        assertThat(count).isEqualTo(1);
        assertThat(sent).containsExactly(new MarkMeasureOverdueCommand(MeasureTest.ID, java.time.LocalDate.parse("2026-07-01")));
    }

    @Test
    void given_due_date_not_reached_or_measure_closed_when_checked_then_nothing_sent() {
        MeasureDeadlines deadlines = new MeasureDeadlines(mongo);
        deadlines.on(MeasureTest.adopted(), 0);
        CommandGateway gateway = Mockito.mock(CommandGateway.class);
        assertThat(new OverdueSchedule(deadlines, gateway, Clock.fixed(Instant.parse("2026-06-30T10:00:00Z"), ZoneOffset.UTC)).checkNow()).isZero();

        deadlines.on(new cz.souhra.shared.events.measure.MeasureCompletedEvent(MeasureTest.ID, MeasureTest.LBK, "hotovo", java.time.LocalDate.parse("2026-06-20")), 1);
        assertThat(new OverdueSchedule(deadlines, gateway, Clock.fixed(Instant.parse("2026-07-05T10:00:00Z"), ZoneOffset.UTC)).checkNow()).isZero();
        Mockito.verifyNoInteractions(gateway);
    }

    @Test
    void given_redelivered_adoption_after_completion_when_projected_then_completion_kept() {
        MeasureDeadlines deadlines = new MeasureDeadlines(mongo);
        deadlines.on(MeasureTest.adopted(), 0);
        deadlines.on(new cz.souhra.shared.events.measure.MeasureCompletedEvent(MeasureTest.ID, MeasureTest.LBK, "hotovo", java.time.LocalDate.parse("2026-06-20")), 1);
        deadlines.on(MeasureTest.adopted(), 0);
        assertThat(deadlines.pastDue(java.time.LocalDate.parse("2026-08-01"))).isEmpty();
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private List<Object> recording(CommandGateway gateway) {
        List<Object> sent = new ArrayList<>();
        Mockito.when(gateway.sendAndWait(Mockito.any())).thenAnswer(i -> {
            sent.add(((CommandMessage<?>) i.getArgument(0)).getPayload());
            return null;
        });
        return sent;
    }

    @Test
    void given_measure_due_30_june_when_checked_at_23_59_prague_then_nothing_and_at_00_01_prague_then_overdue_sent_for_1_july() {
        MeasureDeadlines deadlines = new MeasureDeadlines(mongo);
        deadlines.on(MeasureTest.adopted(), 0);
        CommandGateway gateway = Mockito.mock(CommandGateway.class);
        List<Object> sent = recording(gateway);

        // 30 June 23:59 in Prague (summer time, UTC+2) is 21:59 UTC: still the due date
        assertThat(new OverdueSchedule(deadlines, gateway, at("2026-06-30T21:59:00Z"), Runnable::run).checkNow()).isZero();
        // 1 July 00:01 in Prague is 30 June 22:01 UTC: a UTC clock would still say 30 June
        assertThat(new OverdueSchedule(deadlines, gateway, at("2026-06-30T22:01:00Z"), Runnable::run).checkNow()).isEqualTo(1);
        assertThat(sent).containsExactly(new MarkMeasureOverdueCommand(MeasureTest.ID, java.time.LocalDate.parse("2026-07-01")));
    }

    @Test
    void given_the_midnight_schedule_when_its_next_run_after_23_59_prague_is_computed_then_it_is_prague_midnight() throws Exception {
        org.springframework.scheduling.annotation.Scheduled midnight = OverdueSchedule.class.getMethod("atPragueMidnight")
                .getAnnotation(org.springframework.scheduling.annotation.Scheduled.class);
        String cron = midnight.cron().replaceAll("\\$\\{[^:]+:(.*)}", "$1");
        java.time.ZonedDateTime before = java.time.ZonedDateTime.parse("2026-06-30T23:59:00+02:00[Europe/Prague]");
        java.time.ZonedDateTime next = org.springframework.scheduling.support.CronExpression.parse(cron)
                .next(before.withZoneSameInstant(java.time.ZoneId.of(midnight.zone())));
        assertThat(next.toInstant()).isEqualTo(Instant.parse("2026-06-30T22:00:00Z"));
        // in winter, Prague midnight is 23:00 UTC
        java.time.ZonedDateTime winter = java.time.ZonedDateTime.parse("2026-12-07T23:59:00+01:00[Europe/Prague]");
        assertThat(org.springframework.scheduling.support.CronExpression.parse(cron).next(winter.withZoneSameInstant(java.time.ZoneId.of(midnight.zone())))
                .toInstant()).isEqualTo(Instant.parse("2026-12-07T23:00:00Z"));
    }

    @Test
    void given_a_measure_adopted_with_a_past_due_date_when_its_command_commits_then_the_overdue_check_is_sent_at_once() {
        MeasureDeadlines deadlines = new MeasureDeadlines(mongo);
        CommandGateway gateway = Mockito.mock(CommandGateway.class);
        List<Object> sent = new ArrayList<>();
        List<org.axonframework.messaging.MetaData> metaData = new ArrayList<>();
        Mockito.when(gateway.sendAndWait(Mockito.any())).thenAnswer(i -> {
            sent.add(((CommandMessage<?>) i.getArgument(0)).getPayload());
            metaData.add(((CommandMessage<?>) i.getArgument(0)).getMetaData());
            return null;
        });
        OverdueSchedule schedule = new OverdueSchedule(deadlines, gateway, at("2026-07-09T08:00:00Z"), Runnable::run);
        OverdueTrigger trigger = new OverdueTrigger(schedule);

        var uow = org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null);
        trigger.on(MeasureTest.adopted());
        assertThat(sent).as("nothing before the adopting command commits").isEmpty();
        uow.commit();

        assertThat(sent).containsExactly(new MarkMeasureOverdueCommand(MeasureTest.ID, java.time.LocalDate.parse("2026-07-09")));
        // the system acts: its record names the schedule as the user and "system" as the institution
        assertThat(metaData.get(0)).containsEntry(cz.souhra.shared.MetaKeys.USER, "system:overdue-schedule")
                .containsEntry(cz.souhra.shared.MetaKeys.INSTITUTION, "system");
    }

    @Test
    void given_a_deadline_extended_to_a_date_already_past_then_the_check_is_sent_and_to_a_future_date_then_nothing() {
        CommandGateway gateway = Mockito.mock(CommandGateway.class);
        List<Object> sent = recording(gateway);
        OverdueTrigger trigger = new OverdueTrigger(new OverdueSchedule(new MeasureDeadlines(mongo), gateway, at("2026-09-01T08:00:00Z"), Runnable::run));
        cz.souhra.shared.model.Decision decision = new cz.souhra.shared.model.Decision(cz.souhra.shared.ids.MeetingId.of("3ee70000-0000-4000-8000-000000000009"),
                cz.souhra.shared.ids.ResolutionId.of("7e500000-0000-4000-8000-000000000009"), cz.souhra.shared.ids.BodyId.of(cz.souhra.command.Actors.BODY),
                Instant.parse("2026-08-31T08:00:00Z"));

        trigger.on(new cz.souhra.shared.events.measure.DeadlineExtendedEvent(MeasureTest.ID, MeasureTest.LBK, java.time.LocalDate.parse("2026-10-31"),
                java.time.LocalDate.parse("2026-06-30"), "později", decision));
        assertThat(sent).isEmpty();
        trigger.on(new cz.souhra.shared.events.measure.DeadlineExtendedEvent(MeasureTest.ID, MeasureTest.LBK, java.time.LocalDate.parse("2026-08-15"),
                java.time.LocalDate.parse("2026-06-30"), "zpětně", decision));
        assertThat(sent).containsExactly(new MarkMeasureOverdueCommand(MeasureTest.ID, java.time.LocalDate.parse("2026-09-01")));
    }
}
