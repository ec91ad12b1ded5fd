package cz.souhra.shared.commands.body;

import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.QuorumRule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code meetingsPerYear}: how often the body is meant to meet, 1–52, or null when not stated. */
public record EstablishBodyCommand(
        @TargetAggregateIdentifier BodyId bodyId,
        RegionCode region,
        BodyKind kind,
        String name,
        Integer meetingsPerYear,
        QuorumRule quorum) {
}
