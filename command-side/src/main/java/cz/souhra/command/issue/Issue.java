package cz.souhra.command.issue;

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
import cz.souhra.shared.commands.issue.LinkIssueCommand;
import cz.souhra.shared.commands.issue.RaiseIssueCommand;
import cz.souhra.shared.commands.issue.RecategoriseIssueCommand;
import cz.souhra.shared.commands.issue.ReopenIssueCommand;
import cz.souhra.shared.commands.issue.ResolveIssueCommand;
import cz.souhra.shared.events.issue.IssueLinkedToAgendaItemEvent;
import cz.souhra.shared.events.issue.IssueRaisedEvent;
import cz.souhra.shared.events.issue.IssueRecategorisedEvent;
import cz.souhra.shared.events.issue.IssueReopenedEvent;
import cz.souhra.shared.events.issue.IssueResolvedEvent;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.IssueCategory;

/**
 * A concern raised in the region (podnět): any member institution may raise one for itself; secretaries
 * and administrators may record one on behalf of the institution that raised it at a meeting.
 */
@Aggregate(cache = AggregateCache.ISSUE)
public class Issue {

    @AggregateIdentifier
    private IssueId id;
    private RegionCode region;
    private IssueCategory category;
    private InstitutionId raisedBy;
    private boolean resolved;
    private final java.util.Set<cz.souhra.shared.ids.AgendaItemId> linkedItems = new java.util.HashSet<>();

    protected Issue() {}

    @CommandHandler
    public Issue(RaiseIssueCommand cmd, MetaData metaData) {
        Actor actor = Facts.actor(metaData);
        Facts.requireWriter(actor);
        if (cmd.category() == null) {
            throw DomainException.invalid("REQUIRED", "category");
        }
        if (cmd.raisedBy() == null || cmd.observedOn() == null) {
            throw DomainException.invalid("REQUIRED", cmd.raisedBy() == null ? "raisedBy" : "observedOn");
        }
        boolean onBehalf = actor.has(Actor.Role.ADMIN) || actor.has(Actor.Role.SECRETARY);
        if (!actor.actsFor(cmd.raisedBy().value()) && !onBehalf) {
            throw DomainException.forbidden("NOT_OWN_INSTITUTION", cmd.raisedBy());
        }
        Facts.requireRegion(actor, cmd.region());
        apply(new IssueRaisedEvent(cmd.issueId(), cmd.region(), cmd.category(), Facts.requireText(cmd.title(), "title", 500),
                cmd.description(), cmd.locality(), cmd.raisedBy(), cmd.observedOn(), cmd.raisedAt()),
                Facts.in(cmd.region(), cmd.observedOn()));
    }

    @CommandHandler
    void handle(RecategoriseIssueCommand cmd, MetaData metaData) {
        requireEditor(metaData);
        if (cmd.category() == null) {
            throw DomainException.invalid("REQUIRED", "category");
        }
        if (cmd.category() != category) {
            apply(new IssueRecategorisedEvent(id, region, cmd.category(), category, cmd.reason()), Facts.in(region));
        }
    }

    @CommandHandler
    void handle(LinkIssueCommand cmd, MetaData metaData) {
        requireEditor(metaData);
        if (cmd.meetingId() == null || cmd.itemId() == null) {
            throw DomainException.invalid("REQUIRED", "itemId");
        }
        // Linking the same item again is a no-op, so a retried request does not list the item twice.
        if (!linkedItems.contains(cmd.itemId())) {
            apply(new IssueLinkedToAgendaItemEvent(id, region, cmd.meetingId(), cmd.itemId()), Facts.in(region));
        }
    }

    @CommandHandler
    void handle(ResolveIssueCommand cmd, MetaData metaData) {
        requireEditor(metaData);
        if (resolved) {
            throw DomainException.conflict("ISSUE_RESOLVED", id);
        }
        apply(new IssueResolvedEvent(id, region, Facts.requireText(cmd.reason(), "reason", 2000), cmd.resolvedOn()),
                Facts.in(region, cmd.resolvedOn()));
    }

    @CommandHandler
    void handle(ReopenIssueCommand cmd, MetaData metaData) {
        requireEditor(metaData);
        if (!resolved) {
            throw DomainException.conflict("ISSUE_NOT_RESOLVED", id);
        }
        apply(new IssueReopenedEvent(id, region, Facts.requireText(cmd.reason(), "reason", 2000)), Facts.in(region));
    }

    /** The raising institution, or a secretary or administrator, may change an issue; within the issue's region. */
    private void requireEditor(MetaData metaData) {
        Actor actor = Facts.actor(metaData);
        Facts.requireWriter(actor);
        if (!actor.actsFor(raisedBy.value()) && !actor.has(Actor.Role.SECRETARY) && !actor.has(Actor.Role.ADMIN)) {
            throw DomainException.forbidden("NOT_OWN_INSTITUTION", raisedBy);
        }
        Facts.requireRegion(actor, region);
    }

    @EventSourcingHandler
    void on(IssueRaisedEvent e) {
        id = e.issueId();
        region = e.region();
        category = e.category();
        raisedBy = e.raisedBy();
    }

    @EventSourcingHandler
    void on(IssueRecategorisedEvent e) {
        category = e.category();
    }

    @EventSourcingHandler
    void on(IssueLinkedToAgendaItemEvent e) {
        linkedItems.add(e.itemId());
    }

    @EventSourcingHandler
    void on(IssueResolvedEvent e) {
        resolved = true;
    }

    @EventSourcingHandler
    void on(IssueReopenedEvent e) {
        resolved = false;
    }
}
