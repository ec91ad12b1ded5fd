package cz.souhra.command.meeting;

import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import cz.souhra.command.common.DomainException;
import cz.souhra.shared.Actor;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Decision;

/** Reads a meeting's resolution as the decision basis for changing a measure (used by the measure feature). */
@Component
public class MeetingDecisions {

    private final Repository<Meeting> meetings;

    MeetingDecisions(Repository<Meeting> meetings) {
        this.meetings = meetings;
    }

    public Decision decision(MeetingId meetingId, ResolutionId resolutionId, Actor actor) {
        if (meetingId == null) {
            throw DomainException.invalid("REQUIRED", "meetingId");
        }
        return meetings.load(meetingId.value()).invoke(m -> m.decision(resolutionId, actor));
    }

    public void requireMember(MeetingId meetingId, InstitutionId institution) {
        boolean member = meetings.load(meetingId.value()).invoke(m -> m.isMember(institution));
        if (!member) {
            throw DomainException.rule("OWNER_NOT_MEMBER", institution);
        }
    }
}
