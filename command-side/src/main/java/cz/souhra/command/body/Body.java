package cz.souhra.command.body;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import cz.souhra.command.common.AggregateCache;
import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.Facts;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.body.AppointSecretaryCommand;
import cz.souhra.shared.commands.body.DissolveBodyCommand;
import cz.souhra.shared.commands.body.EstablishBodyCommand;
import cz.souhra.shared.commands.body.RemoveMemberCommand;
import cz.souhra.shared.commands.body.RemoveSecretaryCommand;
import cz.souhra.shared.events.body.BodyDissolvedEvent;
import cz.souhra.shared.events.body.BodyEstablishedEvent;
import cz.souhra.shared.events.body.MemberAdmittedEvent;
import cz.souhra.shared.events.body.MemberRemovedEvent;
import cz.souhra.shared.events.body.SecretaryAppointedEvent;
import cz.souhra.shared.events.body.SecretaryRemovedEvent;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.QuorumRule;

/**
 * A regional platform or working group: its members and secretaries. Meetings read the members and the
 * quorum rule from here when they are scheduled.
 */
@Aggregate(cache = AggregateCache.BODY)
public class Body {

    /** Once a year at least; weekly at most. */
    public static final int MIN_MEETINGS_PER_YEAR = 1;
    public static final int MAX_MEETINGS_PER_YEAR = 52;

    @AggregateIdentifier
    private BodyId id;
    private RegionCode region;
    private BodyKind kind;
    private QuorumRule quorum;
    private final Set<InstitutionId> members = new LinkedHashSet<>();
    private final Set<String> secretaries = new LinkedHashSet<>();
    private boolean dissolved;

    protected Body() {}

    /**
     * Called by {@link BodyFounding} once it has decided that the actor may establish a body of this kind in
     * this region. A platform secretary who establishes a working group becomes its secretary, so that they can
     * admit its members.
     */
    Body(EstablishBodyCommand cmd, Actor actor) {
        if (cmd.kind() == null) {
            throw DomainException.invalid("REQUIRED", "kind");
        }
        Integer perYear = cmd.meetingsPerYear();
        if (perYear != null && (perYear < MIN_MEETINGS_PER_YEAR || perYear > MAX_MEETINGS_PER_YEAR)) {
            throw DomainException.field(DomainException.Kind.INVALID, "CADENCE_RANGE", "meetingsPerYear", perYear);
        }
        apply(new BodyEstablishedEvent(cmd.bodyId(), cmd.region(), cmd.kind(), Facts.requireText(cmd.name(), "name", 300),
                perYear, cmd.quorum() == null ? QuorumRule.MORE_THAN_HALF : cmd.quorum()), Facts.in(cmd.region()));
        if (!actor.has(Actor.Role.ADMIN)) {
            apply(new SecretaryAppointedEvent(cmd.bodyId(), cmd.region(), actor.user()), Facts.in(cmd.region()));
        }
    }

    /** Called by {@link Membership} once it has checked that the institution exists and still acts. */
    void admit(InstitutionId institution, Actor actor, BooleanSupplier retired) {
        Facts.requireSecretary(actor, id.value());
        requireActive();
        if (institution == null) {
            throw DomainException.invalid("REQUIRED", "institution");
        }
        if (members.contains(institution)) {
            throw DomainException.conflict("ALREADY_MEMBER", institution);
        }
        if (retired.getAsBoolean()) {
            throw DomainException.rule("MEMBER_RETIRED", institution);
        }
        apply(new MemberAdmittedEvent(id, region, institution), Facts.in(region));
    }

    @CommandHandler
    void handle(RemoveMemberCommand cmd, MetaData metaData) {
        Facts.requireSecretary(Facts.actor(metaData), id.value());
        requireActive();
        if (!members.contains(cmd.institutionId())) {
            throw DomainException.rule("NOT_MEMBER", cmd.institutionId());
        }
        apply(new MemberRemovedEvent(id, region, cmd.institutionId(), Facts.requireText(cmd.reason(), "reason", 2000)), Facts.in(region));
    }

    /** Called by {@link BodyFounding} once it has decided that the actor may appoint this body's secretaries. */
    void appoint(AppointSecretaryCommand cmd) {
        requireActive();
        String user = Facts.requireText(cmd.user(), "user", 100);
        // Recorded even for a user appointed before: the secretaryship may have been revoked on the account since
        // (RoleRevokedEvent, which this aggregate does not see), and a re-appointment must then take effect. The
        // projections add the user to sets, so a repeated appointment changes nothing else.
        apply(new SecretaryAppointedEvent(id, region, user), Facts.in(region));
    }

    /**
     * Called by {@link BodyFounding} once it has decided that the actor may remove this body's secretaries. Only
     * someone this body appointed can be removed here; a secretaryship granted on the account is revoked there.
     */
    void removeSecretary(RemoveSecretaryCommand cmd) {
        requireActive();
        String user = Facts.requireText(cmd.user(), "user", 100);
        if (!secretaries.contains(user)) {
            throw DomainException.rule("NOT_SECRETARY_OF_BODY", user);
        }
        apply(new SecretaryRemovedEvent(id, region, user), Facts.in(region));
    }

    /** Called by {@link BodyFounding} once it has decided that the actor may dissolve this body. */
    void dissolve(DissolveBodyCommand cmd) {
        requireActive();
        apply(new BodyDissolvedEvent(id, region, Facts.requireText(cmd.reason(), "reason", 2000)), Facts.in(region));
    }

    public void requireActive() {
        if (dissolved) {
            throw DomainException.conflict("BODY_DISSOLVED", id);
        }
    }

    public RegionCode region() {
        return region;
    }

    public List<InstitutionId> members() {
        return new ArrayList<>(members);
    }

    public BodyKind kind() {
        return kind;
    }

    public boolean isDissolved() {
        return dissolved;
    }

    public QuorumRule quorum() {
        return quorum;
    }

    @EventSourcingHandler
    void on(BodyEstablishedEvent e) {
        id = e.bodyId();
        region = e.region();
        kind = e.kind();
        quorum = e.quorum();
    }

    @EventSourcingHandler
    void on(MemberAdmittedEvent e) {
        members.add(e.institutionId());
    }

    @EventSourcingHandler
    void on(MemberRemovedEvent e) {
        members.remove(e.institutionId());
    }

    @EventSourcingHandler
    void on(SecretaryAppointedEvent e) {
        secretaries.add(e.user());
    }

    @EventSourcingHandler
    void on(SecretaryRemovedEvent e) {
        secretaries.remove(e.user());
    }

    @EventSourcingHandler
    void on(BodyDissolvedEvent e) {
        dissolved = true;
    }
}
