package cz.souhra.command.measure;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import cz.souhra.command.common.AggregateCache;
import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.Facts;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.measure.CompleteMeasureCommand;
import cz.souhra.shared.commands.measure.MarkMeasureOverdueCommand;
import cz.souhra.shared.commands.measure.ReportProgressCommand;
import cz.souhra.shared.events.measure.CompletionVerifiedEvent;
import cz.souhra.shared.events.measure.DeadlineExtendedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureBecameOverdueEvent;
import cz.souhra.shared.events.measure.MeasureCancelledEvent;
import cz.souhra.shared.events.measure.MeasureCompletedEvent;
import cz.souhra.shared.events.measure.MeasureReassignedEvent;
import cz.souhra.shared.events.measure.MeasureSupersededEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.Decision;
import cz.souhra.shared.model.MeasureStatus;

/**
 * What a resolution commits an owner institution to do by a due date. Created only by a meeting; the
 * owner reports on it; later meetings extend, reassign, verify, cancel or supersede it.
 */
@Aggregate(cache = AggregateCache.MEASURE)
public class Measure {

    @AggregateIdentifier
    private MeasureId id;
    private RegionCode region;
    private BodyId bodyId;
    private MeetingId adoptedAt;
    private Instant adoptedTime;
    private InstitutionId owner;
    private LocalDate dueDate;
    private MeasureStatus status;
    private boolean overdueRecorded;

    protected Measure() {}

    /** Called by the adopting {@code Meeting} only, after it checked the resolution and the owner. */
    public Measure(MeasureAdoptedEvent adopted) {
        apply(adopted, Facts.in(adopted.region(), adopted.adoptedAt()));
    }

    @CommandHandler
    void handle(ReportProgressCommand cmd, MetaData metaData) {
        Actor actor = requireOwner(metaData);
        requireNotFinal();
        if (cmd.percent() < 0 || cmd.percent() > 100) {
            throw DomainException.invalid("PERCENT_RANGE", cmd.percent());
        }
        if (status == MeasureStatus.COMPLETED) {
            throw DomainException.conflict("MEASURE_ALREADY_COMPLETED", id);
        }
        apply(new ProgressReportedEvent(id, region, cmd.percent(), cmd.note(), requireSinceAdoption(cmd.effectiveOn())),
                Facts.in(region, cmd.effectiveOn()));
    }

    @CommandHandler
    void handle(CompleteMeasureCommand cmd, MetaData metaData) {
        requireOwner(metaData);
        requireNotFinal();
        if (status == MeasureStatus.COMPLETED) {
            throw DomainException.conflict("MEASURE_ALREADY_COMPLETED", id);
        }
        apply(new MeasureCompletedEvent(id, region, cmd.note(), requireSinceAdoption(cmd.effectiveOn())), Facts.in(region, cmd.effectiveOn()));
    }

    /** Sent by the overdue schedule; records the fact once, and only when the due date has really passed. */
    @CommandHandler
    void handle(MarkMeasureOverdueCommand cmd) {
        if (status.isFinal() || status == MeasureStatus.COMPLETED || overdueRecorded || cmd.today() == null || !cmd.today().isAfter(dueDate)) {
            return;
        }
        apply(new MeasureBecameOverdueEvent(id, region, dueDate, cmd.today()), Facts.in(region, dueDate.plusDays(1)));
    }

    void extend(Decision decision, LocalDate newDueDate, String reason) {
        requireLaterMeeting(decision);
        requireNotFinal();
        if (newDueDate == null || !newDueDate.isAfter(dueDate)) {
            throw DomainException.rule("DUE_DATE_NOT_LATER", dueDate);
        }
        apply(new DeadlineExtendedEvent(id, region, newDueDate, dueDate, Facts.requireText(reason, "reason", 2000), decision),
                Facts.in(region, decision.heldAt()));
    }

    void reassign(Decision decision, InstitutionId newOwner, String reason) {
        requireLaterMeeting(decision);
        requireNotFinal();
        if (newOwner == null || newOwner.equals(owner)) {
            throw DomainException.rule("SAME_OWNER", owner);
        }
        apply(new MeasureReassignedEvent(id, region, newOwner, owner, Facts.requireText(reason, "reason", 2000), decision),
                Facts.in(region, decision.heldAt()));
    }

    void verify(Decision decision, String note) {
        requireNotFinal();
        if (status != MeasureStatus.COMPLETED) {
            throw DomainException.rule("MEASURE_NOT_COMPLETED", id);
        }
        requireSameBody(decision);
        apply(new CompletionVerifiedEvent(id, region, note, decision), Facts.in(region, decision.heldAt()));
    }

    void cancel(Decision decision, String reason) {
        requireSameBody(decision);
        requireNotFinal();
        apply(new MeasureCancelledEvent(id, region, Facts.requireText(reason, "reason", 2000), decision), Facts.in(region, decision.heldAt()));
    }

    void supersede(Decision decision, MeasureId by, String reason) {
        requireSameBody(decision);
        requireNotFinal();
        if (by == null || by.equals(id)) {
            throw DomainException.invalid("REQUIRED", "supersededBy");
        }
        apply(new MeasureSupersededEvent(id, region, by, Facts.requireText(reason, "reason", 2000), decision), Facts.in(region, decision.heldAt()));
    }

    public boolean isOpen() {
        return !status.isFinal();
    }

    public BodyId bodyId() {
        return bodyId;
    }

    InstitutionId owner() {
        return owner;
    }

    private Actor requireOwner(MetaData metaData) {
        Actor actor = Facts.actor(metaData);
        Facts.requireWriter(actor);
        if (!actor.actsFor(owner.value()) && !actor.isSecretaryOf(bodyId.value())) {
            throw DomainException.forbidden("NOT_OWNER", id, owner);
        }
        return actor;
    }

    private void requireNotFinal() {
        if (status.isFinal()) {
            throw DomainException.conflict("MEASURE_CLOSED", id, status);
        }
    }

    private void requireSameBody(Decision decision) {
        if (!decision.bodyId().equals(bodyId)) {
            throw DomainException.rule("DECISION_OTHER_BODY", bodyId);
        }
    }

    /** Deadline and owner change only by a resolution of a later meeting of the same body. */
    private void requireLaterMeeting(Decision decision) {
        requireSameBody(decision);
        if (decision.meetingId().equals(adoptedAt) || !decision.heldAt().isAfter(adoptedTime)) {
            throw DomainException.rule("DECISION_NOT_LATER");
        }
    }

    /**
     * A report or completion is dated on or after the day the measure was adopted (a Czech calendar day);
     * that it is not after today is checked where the clock is, before the command is sent.
     */
    private LocalDate requireSinceAdoption(LocalDate effectiveOn) {
        requireDate(effectiveOn, "effectiveOn");
        LocalDate adoptedOn = adoptedTime.atZone(Facts.PRAGUE).toLocalDate();
        if (effectiveOn.isBefore(adoptedOn)) {
            throw DomainException.field(DomainException.Kind.RULE, "BEFORE_MEASURE_ADOPTED", "effectiveOn", effectiveOn, adoptedOn);
        }
        return effectiveOn;
    }

    private static LocalDate requireDate(LocalDate date, String field) {
        if (date == null) {
            throw DomainException.invalid("REQUIRED", field);
        }
        return date;
    }

    @EventSourcingHandler
    void on(MeasureAdoptedEvent e) {
        id = e.measureId();
        region = e.region();
        bodyId = e.bodyId();
        adoptedAt = e.meetingId();
        adoptedTime = e.adoptedAt();
        owner = e.owner();
        dueDate = e.dueDate();
        status = MeasureStatus.ADOPTED;
    }

    @EventSourcingHandler
    void on(ProgressReportedEvent e) {
        status = MeasureStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(DeadlineExtendedEvent e) {
        dueDate = e.dueDate();
        overdueRecorded = false;
    }

    @EventSourcingHandler
    void on(MeasureReassignedEvent e) {
        owner = e.owner();
    }

    @EventSourcingHandler
    void on(MeasureCompletedEvent e) {
        status = MeasureStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(CompletionVerifiedEvent e) {
        status = MeasureStatus.VERIFIED;
    }

    @EventSourcingHandler
    void on(MeasureBecameOverdueEvent e) {
        overdueRecorded = true;
    }

    @EventSourcingHandler
    void on(MeasureCancelledEvent e) {
        status = MeasureStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(MeasureSupersededEvent e) {
        status = MeasureStatus.SUPERSEDED;
    }
}
