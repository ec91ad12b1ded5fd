package cz.souhra.shared.commands.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DisableUserCommand(
        @TargetAggregateIdentifier String user,
        String reason) {
}
