package cz.souhra.command.institution;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import cz.souhra.command.common.AggregateCache;
import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.Facts;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.institution.RegisterInstitutionCommand;
import cz.souhra.shared.commands.institution.RenameInstitutionCommand;
import cz.souhra.shared.commands.institution.RetireInstitutionCommand;
import cz.souhra.shared.events.institution.InstitutionRegisteredEvent;
import cz.souhra.shared.events.institution.InstitutionRenamedEvent;
import cz.souhra.shared.events.institution.InstitutionRetiredEvent;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;

/** A member organisation; registered by an administrator, known by its code for good. */
@Aggregate(cache = AggregateCache.INSTITUTION)
public class Institution {

    @AggregateIdentifier
    private InstitutionId id;
    private RegionCode region;
    private String name;
    private boolean retired;

    protected Institution() {}

    @CommandHandler
    public Institution(RegisterInstitutionCommand cmd, MetaData metaData) {
        Facts.requireAdmin(Facts.actor(metaData));
        apply(new InstitutionRegisteredEvent(cmd.institutionId(), cmd.region(), cmd.kind(),
                Facts.requireText(cmd.name(), "name", 300)), Facts.in(cmd.region()));
    }

    @CommandHandler
    void handle(RenameInstitutionCommand cmd, MetaData metaData) {
        Facts.requireAdmin(Facts.actor(metaData));
        requireActive();
        String newName = Facts.requireText(cmd.name(), "name", 300);
        if (!newName.equals(name)) {
            apply(new InstitutionRenamedEvent(id, region, newName, name), Facts.in(region));
        }
    }

    @CommandHandler
    void handle(RetireInstitutionCommand cmd, MetaData metaData) {
        Actor actor = Facts.actor(metaData);
        Facts.requireAdmin(actor);
        requireActive();
        apply(new InstitutionRetiredEvent(id, region, Facts.requireText(cmd.reason(), "reason", 2000)), Facts.in(region));
    }

    /** Whether the institution has been retired; a retired institution is admitted to no body. */
    public boolean isRetired() {
        return retired;
    }

    private void requireActive() {
        if (retired) {
            throw DomainException.conflict("INSTITUTION_RETIRED", id);
        }
    }

    @EventSourcingHandler
    void on(InstitutionRegisteredEvent e) {
        id = e.institutionId();
        region = e.region();
        name = e.name();
    }

    @EventSourcingHandler
    void on(InstitutionRenamedEvent e) {
        name = e.name();
    }

    @EventSourcingHandler
    void on(InstitutionRetiredEvent e) {
        retired = true;
    }
}
