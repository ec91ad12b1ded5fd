package cz.souhra.shared.commands.institution;

import cz.souhra.shared.ids.InstitutionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RetireInstitutionCommand(
        @TargetAggregateIdentifier InstitutionId institutionId,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
