package cz.souhra.shared.commands.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record GrantRoleCommand(
        @TargetAggregateIdentifier String user,
        String role,
        String bodyId) {
}
