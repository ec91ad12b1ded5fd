package cz.souhra.shared.commands.user;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes a role away. Revoking SECRETARY without a body takes every secretaryship with it: the ones granted
 * on the account and the ones a body appointed, which the account's own history does not contain and the
 * caller therefore names in {@code appointedBodies} (from the accounts' read model).
 */
public record RevokeRoleCommand(
        @TargetAggregateIdentifier String user,
        String role,
        String bodyId,
        List<String> appointedBodies) {

    public RevokeRoleCommand {
        appointedBodies = appointedBodies == null ? List.of() : List.copyOf(appointedBodies);
    }

    public RevokeRoleCommand(String user, String role, String bodyId) {
        this(user, role, bodyId, List.of());
    }
}
