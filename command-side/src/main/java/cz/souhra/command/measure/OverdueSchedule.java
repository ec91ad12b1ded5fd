package cz.souhra.command.measure;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cz.souhra.command.web.CzechDay;
import cz.souhra.shared.MetaKeys;
import cz.souhra.shared.commands.measure.MarkMeasureOverdueCommand;
import cz.souhra.shared.ids.MeasureId;

/**
 * Records that a measure became overdue, from the persisted due dates, so a restart loses nothing: the next
 * run after start finds every measure that fell due meanwhile. It runs at Europe/Prague midnight (the first
 * moment a measure can become overdue), every {@code souhra.overdue.check-interval} as a safety net, and
 * right after a measure whose due date has already passed is adopted or extended ({@link OverdueTrigger}).
 * Running on two nodes at once is harmless — the aggregate records the fact once, effective the day after
 * the due date. The clock is injected; the aggregate receives "today" in the command. Readers do not wait
 * for the record: every measure answer derives "overdue" from the due date for the day asked about.
 */
@Component
public class OverdueSchedule {

    private static final Logger log = LoggerFactory.getLogger(OverdueSchedule.class);
    static final String SYSTEM_USER = "system:overdue-schedule";

    private final MeasureDeadlines deadlines;
    private final CommandGateway commands;
    private final Clock clock;
    /** Where a check after a recorded adoption runs: not in the committing thread, whose unit of work is ending. */
    private final Executor afterRecord;

    @Autowired
    public OverdueSchedule(MeasureDeadlines deadlines, CommandGateway commands, Clock clock) {
        this(deadlines, commands, clock, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "overdue-after-record");
            t.setDaemon(true);
            return t;
        }));
    }

    OverdueSchedule(MeasureDeadlines deadlines, CommandGateway commands, Clock clock, Executor afterRecord) {
        this.deadlines = deadlines;
        this.commands = commands;
        this.clock = clock;
        this.afterRecord = afterRecord;
    }

    @Scheduled(initialDelayString = "${souhra.overdue.initial-delay:PT20S}", fixedDelayString = "${souhra.overdue.check-interval:PT1H}")
    public void scheduled() {
        checkNow();
    }

    /** The day changes in Prague at midnight: measures due yesterday are overdue from now, whatever the interval. */
    @Scheduled(cron = "${souhra.overdue.midnight-cron:0 0 0 * * *}", zone = cz.souhra.shared.model.CzechTime.ZONE_ID)
    public void atPragueMidnight() {
        checkNow();
    }

    /** @return how many measures were sent the overdue check */
    public int checkNow() {
        LocalDate today = CzechDay.today(clock);
        int sent = 0;
        for (String id : deadlines.pastDue(today)) {
            if (send(MeasureId.of(id), today)) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * A measure was adopted or given a new due date: if that date has already passed (a meeting recorded days
     * later), record the fact now rather than at the next run. Sent once the recording command committed, from
     * another thread.
     */
    void afterDueDateRecorded(MeasureId id, LocalDate dueDate) {
        LocalDate today = CzechDay.today(clock);
        if (dueDate == null || !dueDate.isBefore(today)) {
            return;
        }
        Runnable check = () -> afterRecord.execute(() -> send(id, CzechDay.today(clock)));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> check.run());
        } else {
            check.run();
        }
    }

    private boolean send(MeasureId id, LocalDate today) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new MarkMeasureOverdueCommand(id, today))
                    .andMetaData(MetaData.with(MetaKeys.USER, SYSTEM_USER).and(MetaKeys.INSTITUTION, MetaKeys.SYSTEM_INSTITUTION)));
            return true;
        } catch (RuntimeException e) {
            log.warn("Overdue check of measure {} failed, next run retries: {}", id.value(), e.toString());
            return false;
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (afterRecord instanceof ExecutorService executor) {
            executor.shutdownNow();
        }
    }
}
