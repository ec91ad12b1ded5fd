package cz.souhra.shared.events.issue;

import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record IssueLinkedToAgendaItemEvent(
        IssueId issueId,
        RegionCode region,
        MeetingId meetingId,
        AgendaItemId itemId) implements IssueEvent {
}
