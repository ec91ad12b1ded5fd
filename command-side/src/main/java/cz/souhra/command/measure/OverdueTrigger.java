package cz.souhra.command.measure;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import cz.souhra.shared.events.measure.DeadlineExtendedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;

/**
 * Hands every newly recorded due date to the overdue schedule, which records at once a measure adopted or
 * extended with a date already past. A subscribing processor (application.yml): it sees an event as its
 * command commits and never replays history, so a rebuild or a new node sends nothing old.
 */
@Component
@ProcessingGroup(OverdueTrigger.GROUP)
public class OverdueTrigger {

    public static final String GROUP = "overdue-trigger";

    private final OverdueSchedule schedule;

    public OverdueTrigger(OverdueSchedule schedule) {
        this.schedule = schedule;
    }

    @EventHandler
    void on(MeasureAdoptedEvent e) {
        schedule.afterDueDateRecorded(e.measureId(), e.dueDate());
    }

    @EventHandler
    void on(DeadlineExtendedEvent e) {
        schedule.afterDueDateRecorded(e.measureId(), e.dueDate());
    }
}
