package cz.souhra.shared.commands.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangePasswordCommand(
        @TargetAggregateIdentifier String user) {
}
