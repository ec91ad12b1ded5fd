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
}
