package cz.souhra.shared.commands.issue;

import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeetingId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record LinkIssueCommand(
        @TargetAggregateIdentifier IssueId issueId,
        MeetingId meetingId,
        AgendaItemId itemId,
        @TargetAggregateVersion Long expectedVersion) {
}
