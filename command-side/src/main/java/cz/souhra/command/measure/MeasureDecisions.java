package cz.souhra.command.measure;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import cz.souhra.command.common.Facts;
import cz.souhra.command.meeting.MeetingDecisions;
import cz.souhra.shared.commands.measure.CancelMeasureCommand;
import cz.souhra.shared.commands.measure.ExtendDeadlineCommand;
import cz.souhra.shared.commands.measure.ReassignMeasureCommand;
import cz.souhra.shared.commands.measure.SupersedeMeasureCommand;
import cz.souhra.shared.commands.measure.VerifyCompletionCommand;
import cz.souhra.shared.model.Decision;

/**
 * Changes of a measure that only a meeting may decide. The meeting is read first (it must be convened and
 * hold the resolution, and the actor must be its body's secretary), then the measure applies the change
 * with that decision as its basis — one unit of work, so nothing is half-written.
 */
@Component
class MeasureDecisions {

    private final Repository<Measure> measures;
    private final MeetingDecisions meetings;

    MeasureDecisions(Repository<Measure> measures, MeetingDecisions meetings) {
        this.measures = measures;
        this.meetings = meetings;
    }

    @CommandHandler
    void handle(ExtendDeadlineCommand cmd, MetaData metaData) {
        Decision d = meetings.decision(cmd.meetingId(), cmd.resolutionId(), Facts.actor(metaData));
        load(cmd.measureId().value(), cmd.expectedVersion()).execute(m -> m.extend(d, cmd.dueDate(), cmd.reason()));
    }

    @CommandHandler
    void handle(ReassignMeasureCommand cmd, MetaData metaData) {
        Decision d = meetings.decision(cmd.meetingId(), cmd.resolutionId(), Facts.actor(metaData));
        meetings.requireMember(cmd.meetingId(), cmd.owner());
        load(cmd.measureId().value(), cmd.expectedVersion()).execute(m -> m.reassign(d, cmd.owner(), cmd.reason()));
    }

    @CommandHandler
    void handle(VerifyCompletionCommand cmd, MetaData metaData) {
        Decision d = meetings.decision(cmd.meetingId(), cmd.resolutionId(), Facts.actor(metaData));
        load(cmd.measureId().value(), cmd.expectedVersion()).execute(m -> m.verify(d, cmd.note()));
    }

    @CommandHandler
    void handle(CancelMeasureCommand cmd, MetaData metaData) {
        Decision d = meetings.decision(cmd.meetingId(), cmd.resolutionId(), Facts.actor(metaData));
        load(cmd.measureId().value(), cmd.expectedVersion()).execute(m -> m.cancel(d, cmd.reason()));
    }

    @CommandHandler
    void handle(SupersedeMeasureCommand cmd, MetaData metaData) {
        Decision d = meetings.decision(cmd.meetingId(), cmd.resolutionId(), Facts.actor(metaData));
        load(cmd.measureId().value(), cmd.expectedVersion()).execute(m -> m.supersede(d, cmd.supersededBy(), cmd.reason()));
    }

    private Aggregate<Measure> load(String id, Long expectedVersion) {
        return measures.load(id, expectedVersion);
    }
}
