package cz.souhra.command.body;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.Facts;
import cz.souhra.command.institution.Institution;
import cz.souhra.shared.commands.body.AdmitMemberCommand;

/**
 * Admitting a member needs the institution's own record: an unknown institution is not found (404) and a
 * retired one cannot join (422). Both are read in the same unit of work as the body, so nothing is
 * written when either refuses.
 */
@Component
class Membership {

    private final Repository<Body> bodies;
    private final Repository<Institution> institutions;

    Membership(Repository<Body> bodies, Repository<Institution> institutions) {
        this.bodies = bodies;
        this.institutions = institutions;
    }

    @CommandHandler
    void handle(AdmitMemberCommand cmd, MetaData metaData) {
        if (cmd.institutionId() == null) {
            throw DomainException.invalid("REQUIRED", "institution");
        }
        var body = bodies.load(cmd.bodyId().value(), cmd.expectedVersion());
        // The body's own refusals (secretary, dissolved, duplicate) come before the institution is read.
        body.execute(b -> b.admit(cmd.institutionId(), Facts.actor(metaData), () -> institutions.load(cmd.institutionId().value())
                .invoke(Institution::isRetired)));
    }
}
