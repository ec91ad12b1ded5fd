package cz.souhra.command.measure;

import java.time.Clock;
import java.time.LocalDate;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cz.souhra.command.web.CzechDay;
import cz.souhra.shared.MetaKeys;
import cz.souhra.shared.commands.measure.MarkMeasureOverdueCommand;
import cz.souhra.shared.ids.MeasureId;

/**
 * Detects overdue measures from the persisted due dates, so a restart loses nothing: the next run after
 * start finds every measure that fell due meanwhile. Running on two nodes at once is harmless — the
 * aggregate records the fact once. The clock is injected; the aggregate receives "today" in the command.
 */
@Component
public class OverdueSchedule {

    private static final Logger log = LoggerFactory.getLogger(OverdueSchedule.class);
    static final String SYSTEM_USER = "system:overdue-schedule";

    private final MeasureDeadlines deadlines;
    private final CommandGateway commands;
    private final Clock clock;

    public OverdueSchedule(MeasureDeadlines deadlines, CommandGateway commands, Clock clock) {
        this.deadlines = deadlines;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${souhra.overdue.initial-delay:PT20S}", fixedDelayString = "${souhra.overdue.check-interval:PT1H}")
    public void scheduled() {
        checkNow();
    }

    /** @return how many measures were sent the overdue check */
    public int checkNow() {
        LocalDate today = CzechDay.today(clock);
        int sent = 0;
        for (String id : deadlines.pastDue(today)) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new MarkMeasureOverdueCommand(MeasureId.of(id), today))
                        .andMetaData(MetaData.with(MetaKeys.USER, SYSTEM_USER)));
                sent++;
            } catch (RuntimeException e) {
                log.warn("Overdue check of measure {} failed, next run retries: {}", id, e.toString());
            }
        }
        return sent;
    }
}
