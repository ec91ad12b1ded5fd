package cz.souhra.shared.commands.body;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AdmitMemberCommand(
        @TargetAggregateIdentifier BodyId bodyId,
        InstitutionId institutionId,
        @TargetAggregateVersion Long expectedVersion) {
}
