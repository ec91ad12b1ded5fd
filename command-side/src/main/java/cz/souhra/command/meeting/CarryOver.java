package cz.souhra.command.meeting;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.Facts;
import cz.souhra.command.measure.Measure;
import cz.souhra.shared.commands.meeting.CarryOverCommand;
import cz.souhra.shared.ids.MeasureId;

/**
 * Carries the unfinished agenda items of an earlier meeting of the same body, and the open measures the
 * secretary chose to follow up, onto this meeting. Both meetings show it: the new one records the
 * carried items with the meeting and item they come from.
 */
@Component
class CarryOver {

    private final Repository<Meeting> meetings;
    private final Repository<Measure> measures;

    CarryOver(Repository<Meeting> meetings, Repository<Measure> measures) {
        this.meetings = meetings;
        this.measures = measures;
    }

    @CommandHandler
    void handle(CarryOverCommand cmd, MetaData metaData) {
        if (cmd.fromMeetingId() == null) {
            throw DomainException.invalid("REQUIRED", "fromMeetingId");
        }
        if (cmd.fromMeetingId().equals(cmd.meetingId())) {
            throw DomainException.rule("CARRY_OVER_FROM_ITSELF", cmd.meetingId().value());
        }
        Meeting from = meetings.load(cmd.fromMeetingId().value()).invoke(m -> m);
        var open = cmd.openMeasures() == null ? java.util.List.<MeasureId>of() : cmd.openMeasures();
        for (MeasureId id : open) {
            Measure m = measures.load(id.value()).invoke(x -> x);
            if (!m.isOpen() || !m.bodyId().equals(from.bodyId())) {
                throw DomainException.rule("MEASURE_NOT_OPEN_HERE", id);
            }
        }
        meetings.load(cmd.meetingId().value()).execute(to -> to.carryOver(from, open, Facts.actor(metaData)));
    }
}
