package cz.souhra.shared.commands.body;

import cz.souhra.shared.ids.BodyId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RemoveSecretaryCommand(
        @TargetAggregateIdentifier BodyId bodyId,
        String user,
        @TargetAggregateVersion Long expectedVersion) {
}
