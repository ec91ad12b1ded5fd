package cz.souhra.shared.commands.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lets a disabled account log in again, with the roles it had. */
public record EnableUserCommand(
        @TargetAggregateIdentifier String user,
        String reason) {
}
