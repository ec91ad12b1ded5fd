package cz.souhra.shared.commands.body;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RemoveMemberCommand(
        @TargetAggregateIdentifier BodyId bodyId,
        InstitutionId institutionId,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
