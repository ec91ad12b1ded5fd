package cz.souhra.shared.commands.issue;

import java.time.LocalDate;

import cz.souhra.shared.ids.IssueId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ResolveIssueCommand(
        @TargetAggregateIdentifier IssueId issueId,
        String reason,
        LocalDate resolvedOn,
        @TargetAggregateVersion Long expectedVersion) {
}
