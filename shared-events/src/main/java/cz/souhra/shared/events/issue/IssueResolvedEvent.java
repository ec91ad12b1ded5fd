package cz.souhra.shared.events.issue;

import java.time.LocalDate;

import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.RegionCode;
import org.axonframework.serialization.Revision;

@Revision("1")
public record IssueResolvedEvent(
        IssueId issueId,
        RegionCode region,
        String reason,
        LocalDate resolvedOn) implements IssueEvent {
}
