package cz.souhra.command.validation;

import cz.souhra.shared.events.body.BodyDissolvedEvent;
import cz.souhra.shared.events.body.BodyEstablishedEvent;
import cz.souhra.shared.events.institution.InstitutionRegisteredEvent;
import cz.souhra.shared.events.institution.InstitutionRetiredEvent;
import cz.souhra.shared.events.issue.IssueRaisedEvent;
import cz.souhra.shared.events.issue.IssueReopenedEvent;
import cz.souhra.shared.events.issue.IssueResolvedEvent;
import cz.souhra.shared.events.measure.CompletionVerifiedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureCancelledEvent;
import cz.souhra.shared.events.measure.MeasureSupersededEvent;
import cz.souhra.shared.events.meeting.MeetingCancelledEvent;
import cz.souhra.shared.events.meeting.MeetingClosedEvent;
import cz.souhra.shared.events.meeting.MeetingConvenedEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
import cz.souhra.shared.events.user.UserDisabledEvent;
import cz.souhra.shared.events.user.UserEnabledEvent;
import cz.souhra.shared.events.user.UserRegisteredEvent;

/**
 * What the command side knows of a record another command may refer to: its kind and whether it still
 * acts. Folded from the record's own events by {@link #fold}, the one definition both the lookup table
 * and its fallback (reading the record's events) use.
 */
public record Known(Kind kind, boolean active) {

    /** The kinds of record a command field may name. */
    public enum Kind {
        INSTITUTION, BODY, USER, ISSUE, MEETING, MEASURE;
    }

    /** The state after {@code event}; {@code current} (possibly null) when the event changes neither kind nor state. */
    public static Known fold(Known current, Object event) {
        if (event instanceof InstitutionRegisteredEvent) {
            return new Known(Kind.INSTITUTION, true);
        }
        if (event instanceof InstitutionRetiredEvent) {
            return new Known(Kind.INSTITUTION, false);
        }
        if (event instanceof BodyEstablishedEvent) {
            return new Known(Kind.BODY, true);
        }
        if (event instanceof BodyDissolvedEvent) {
            return new Known(Kind.BODY, false);
        }
        if (event instanceof UserRegisteredEvent) {
            return new Known(Kind.USER, true);
        }
        if (event instanceof UserDisabledEvent) {
            return new Known(Kind.USER, false);
        }
        if (event instanceof UserEnabledEvent) {
            return new Known(Kind.USER, true);
        }
        if (event instanceof IssueRaisedEvent || event instanceof IssueReopenedEvent) {
            return new Known(Kind.ISSUE, true);
        }
        if (event instanceof IssueResolvedEvent) {
            return new Known(Kind.ISSUE, false);
        }
        if (event instanceof MeetingScheduledEvent || event instanceof MeetingConvenedEvent) {
            return new Known(Kind.MEETING, true);
        }
        if (event instanceof MeetingCancelledEvent || event instanceof MeetingClosedEvent) {
            return new Known(Kind.MEETING, false);
        }
        if (event instanceof MeasureAdoptedEvent) {
            return new Known(Kind.MEASURE, true);
        }
        if (event instanceof CompletionVerifiedEvent || event instanceof MeasureCancelledEvent || event instanceof MeasureSupersededEvent) {
            return new Known(Kind.MEASURE, false);
        }
        return current;
    }
}
