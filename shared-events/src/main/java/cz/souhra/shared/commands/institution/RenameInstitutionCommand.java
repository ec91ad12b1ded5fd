package cz.souhra.shared.commands.institution;

import cz.souhra.shared.ids.InstitutionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RenameInstitutionCommand(
        @TargetAggregateIdentifier InstitutionId institutionId,
        String name,
        @TargetAggregateVersion Long expectedVersion) {
}
