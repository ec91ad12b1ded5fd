package cz.souhra.shared.commands.body;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.QuorumRule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EstablishBodyCommand(
        @TargetAggregateIdentifier BodyId bodyId,
        RegionCode region,
        BodyKind kind,
        String name,
        String cadence,
        QuorumRule quorum) {
}
