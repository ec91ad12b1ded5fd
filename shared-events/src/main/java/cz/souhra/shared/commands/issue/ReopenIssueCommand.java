package cz.souhra.shared.commands.issue;

import cz.souhra.shared.ids.IssueId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ReopenIssueCommand(
        @TargetAggregateIdentifier IssueId issueId,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
