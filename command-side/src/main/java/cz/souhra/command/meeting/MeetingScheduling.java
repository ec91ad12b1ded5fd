package cz.souhra.command.meeting;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import cz.souhra.command.body.Body;
import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.Facts;
import cz.souhra.shared.commands.meeting.ScheduleMeetingCommand;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;

/**
 * Scheduling needs the body's region, members and quorum rule; they are read from the Body aggregate in
 * the same unit of work and copied into the meeting, so that later changes of membership do not rewrite
 * the attendance basis of a meeting already planned.
 */
@Component
class MeetingScheduling {

    private final Repository<Body> bodies;
    private final Repository<Meeting> meetings;

    MeetingScheduling(Repository<Body> bodies, Repository<Meeting> meetings) {
        this.bodies = bodies;
        this.meetings = meetings;
    }

    @CommandHandler
    String handle(ScheduleMeetingCommand cmd, MetaData metaData) throws Exception {
        Facts.requireSecretary(Facts.actor(metaData), cmd.bodyId().value());
        if (cmd.startsAt() == null) {
            throw DomainException.invalid("REQUIRED", "startsAt");
        }
        String place = Facts.requireText(cmd.place(), "place", 500);
        Body body = bodies.load(cmd.bodyId().value()).invoke(b -> b);
        body.requireActive();
        if (body.members().isEmpty()) {
            throw DomainException.rule("BODY_WITHOUT_MEMBERS", cmd.bodyId());
        }
        meetings.newInstance(() -> new Meeting(new MeetingScheduledEvent(cmd.meetingId(), body.region(), cmd.bodyId(),
                cmd.startsAt(), place, body.members(), body.quorum())));
        return cmd.meetingId().value();
    }
}
