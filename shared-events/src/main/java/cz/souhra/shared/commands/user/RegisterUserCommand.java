package cz.souhra.shared.commands.user;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterUserCommand(
        @TargetAggregateIdentifier String user,
        String institution,
        List<String> roles,
        String displayName,
        String email) {

    public RegisterUserCommand(String user, String institution, List<String> roles, String displayName) {
        this(user, institution, roles, displayName, null);
    }
}
