package cz.souhra.shared.events.issue;

import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record IssueReopenedEvent(
        IssueId issueId,
        RegionCode region,
        String reason) implements IssueEvent {
}
