package cz.souhra.shared.events.issue;

import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.IssueCategory;
import org.axonframework.serialization.Revision;

@Revision("1")
public record IssueRecategorisedEvent(
        IssueId issueId,
        RegionCode region,
        IssueCategory category,
        IssueCategory previous,
        String reason) implements IssueEvent {
}
