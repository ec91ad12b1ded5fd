package cz.souhra.shared.events.issue;

import java.time.LocalDate;

import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.IssueCategory;
import org.axonframework.serialization.Revision;

/** A concern (podnět) raised; raisedAt is the meeting where it was raised, if any. */
@Revision("1")
public record IssueRaisedEvent(
        IssueId issueId,
        RegionCode region,
        IssueCategory category,
        String title,
        String description,
        String locality,
        InstitutionId raisedBy,
        LocalDate observedOn,
        MeetingId raisedAt) implements IssueEvent {
}
