package cz.souhra.shared.commands.issue;

import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.model.IssueCategory;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RecategoriseIssueCommand(
        @TargetAggregateIdentifier IssueId issueId,
        IssueCategory category,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
