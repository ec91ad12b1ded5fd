package cz.souhra.command.body;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.Facts;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.body.AppointSecretaryCommand;
import cz.souhra.shared.commands.body.DissolveBodyCommand;
import cz.souhra.shared.commands.body.EstablishBodyCommand;
import cz.souhra.shared.commands.body.RemoveSecretaryCommand;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.BodyKind;

/**
 * Who may establish and dissolve a body and appoint and remove its secretaries: an administrator any body; the
 * secretary of a regional platform the working groups of the platform's region, since working groups are set up
 * and staffed by the platform. Whether the
 * actor is such a secretary is read from the platforms' own records (kind, region, not dissolved) in the
 * same unit of work, so a dissolved platform or one of another region gives no right.
 */
@Component
class BodyFounding {

    private final Repository<Body> bodies;
    private final Repository<Body> platforms;

    /** {@code platforms} is where the actor's bodies are read; in the application both are the one body repository. */
    BodyFounding(Repository<Body> bodies, Repository<Body> platforms) {
        this.bodies = bodies;
        this.platforms = platforms;
    }

    @CommandHandler
    void handle(EstablishBodyCommand cmd, MetaData metaData) throws Exception {
        Actor actor = Facts.actor(metaData);
        requireFounder(actor, cmd.kind(), cmd.region());
        bodies.newInstance(() -> new Body(cmd, actor));
    }

    @CommandHandler
    void handle(DissolveBodyCommand cmd, MetaData metaData) {
        Actor actor = Facts.actor(metaData);
        var body = bodies.load(cmd.bodyId().value(), cmd.expectedVersion());
        body.execute(b -> {
            requireFounder(actor, b.kind(), b.region());
            b.dissolve(cmd);
        });
    }

    @CommandHandler
    void handle(AppointSecretaryCommand cmd, MetaData metaData) {
        Actor actor = Facts.actor(metaData);
        var body = bodies.load(cmd.bodyId().value(), cmd.expectedVersion());
        body.execute(b -> {
            requireFounder(actor, b.kind(), b.region());
            b.appoint(cmd);
        });
    }

    @CommandHandler
    void handle(RemoveSecretaryCommand cmd, MetaData metaData) {
        Actor actor = Facts.actor(metaData);
        var body = bodies.load(cmd.bodyId().value(), cmd.expectedVersion());
        body.execute(b -> {
            requireFounder(actor, b.kind(), b.region());
            b.removeSecretary(cmd);
        });
    }

    private void requireFounder(Actor actor, BodyKind kind, RegionCode region) {
        if (actor.has(Actor.Role.ADMIN)) {
            return;
        }
        Facts.requireWriter(actor);
        if (kind != BodyKind.WORKING_GROUP || !actor.has(Actor.Role.SECRETARY)) {
            throw DomainException.forbidden("ADMIN_ONLY");
        }
        Facts.requireRegion(actor, region);
        if (actor.secretaryOf().stream().noneMatch(id -> isActivePlatformOf(id, region))) {
            throw DomainException.forbidden("NOT_PLATFORM_SECRETARY", region);
        }
    }

    private boolean isActivePlatformOf(String bodyId, RegionCode region) {
        try {
            return platforms.load(bodyId).invoke(p -> p.kind() == BodyKind.PLATFORM && !p.isDissolved() && p.region().equals(region));
        } catch (AggregateNotFoundException | IllegalArgumentException gone) {
            return false;
        }
    }
}
