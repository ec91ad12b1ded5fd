package cz.souhra.shared.events.meeting;

import java.util.List;

import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AgendaItemAddedEvent(
        MeetingId meetingId,
        RegionCode region,
        AgendaItemId itemId,
        String title,
        InstitutionId presenter,
        List<IssueId> issues) implements MeetingEvent {
}
