package cz.souhra.shared.commands.issue;

import java.time.LocalDate;

import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.IssueCategory;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RaiseIssueCommand(
        @TargetAggregateIdentifier IssueId issueId,
        RegionCode region,
        IssueCategory category,
        String title,
        String description,
        String locality,
        InstitutionId raisedBy,
        LocalDate observedOn,
        MeetingId raisedAt) {
}
