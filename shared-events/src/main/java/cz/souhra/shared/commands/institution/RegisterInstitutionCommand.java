package cz.souhra.shared.commands.institution;

import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.InstitutionKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterInstitutionCommand(
        @TargetAggregateIdentifier InstitutionId institutionId,
        RegionCode region,
        InstitutionKind kind,
        String name) {
}
