package cz.souhra.command.meeting;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import cz.souhra.command.common.AggregateCache;
import cz.souhra.command.common.DomainException;
import cz.souhra.command.common.Facts;
import cz.souhra.command.measure.Measure;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.meeting.AddAgendaItemCommand;
import cz.souhra.shared.commands.meeting.AdoptMeasureCommand;
import cz.souhra.shared.commands.meeting.AdoptResolutionCommand;
import cz.souhra.shared.commands.meeting.CancelMeetingCommand;
import cz.souhra.shared.commands.meeting.CloseMeetingCommand;
import cz.souhra.shared.commands.meeting.ConfirmMinutesCommand;
import cz.souhra.shared.commands.meeting.CorrectMinutesDraftCommand;
import cz.souhra.shared.commands.meeting.EndMinutesVerificationPeriodCommand;
import cz.souhra.shared.commands.meeting.NoteMinutesObjectionCommand;
import cz.souhra.shared.commands.meeting.ObjectToMinutesCommand;
import cz.souhra.shared.commands.meeting.StartMinutesVerificationCommand;
import cz.souhra.shared.commands.meeting.ConveneMeetingCommand;
import cz.souhra.shared.commands.meeting.CorrectMeetingRecordCommand;
import cz.souhra.shared.commands.meeting.RecordDiscussionCommand;
import cz.souhra.shared.commands.meeting.RecordLedgerCheckpointCommand;
import cz.souhra.shared.commands.meeting.RecordMinutesCommand;
import cz.souhra.shared.commands.meeting.RemoveAgendaItemCommand;
import cz.souhra.shared.commands.meeting.ReorderAgendaCommand;
import cz.souhra.shared.commands.meeting.RescheduleMeetingCommand;
import cz.souhra.shared.events.meeting.AgendaItemAddedEvent;
import cz.souhra.shared.events.meeting.AgendaItemCarriedOverEvent;
import cz.souhra.shared.events.meeting.AgendaItemRemovedEvent;
import cz.souhra.shared.events.meeting.AgendaReorderedEvent;
import cz.souhra.shared.events.meeting.ItemDiscussedEvent;
import cz.souhra.shared.events.meeting.LedgerCheckpointRecordedEvent;
import cz.souhra.shared.events.meeting.MeetingCancelledEvent;
import cz.souhra.shared.events.meeting.MeetingClosedEvent;
import cz.souhra.shared.events.meeting.MeetingConvenedEvent;
import cz.souhra.shared.events.meeting.MeetingCorrectedEvent;
import cz.souhra.shared.events.meeting.MeetingRescheduledEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
import cz.souhra.shared.events.meeting.MinutesApprovedEvent;
import cz.souhra.shared.events.meeting.MinutesConfirmedEvent;
import cz.souhra.shared.events.meeting.MinutesDraftCorrectedEvent;
import cz.souhra.shared.events.meeting.MinutesObjectionNotedEvent;
import cz.souhra.shared.events.meeting.MinutesObjectionRaisedEvent;
import cz.souhra.shared.events.meeting.MinutesRecordedEvent;
import cz.souhra.shared.events.meeting.MinutesVerificationStartedEvent;
import cz.souhra.shared.events.meeting.OpenMeasureCarriedOverEvent;
import cz.souhra.shared.events.meeting.ResolutionAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Attendance;
import cz.souhra.shared.model.Decision;
import cz.souhra.shared.model.MinutesApprovalBasis;
import cz.souhra.shared.model.MinutesVerifier;
import cz.souhra.shared.model.QuorumRule;

/**
 * One sitting of a body: agenda, attendance and quorum, discussion, resolutions, measures adopted by
 * them, minutes. Once closed the record is locked; only corrections with a reason are added.
 */
@Aggregate(cache = AggregateCache.MEETING)
public class Meeting {

    enum Status { SCHEDULED, CANCELLED, CONVENED, CLOSED }

    /** What the meeting knows of an agenda item. */
    record Item(AgendaItemId id, String title, InstitutionId presenter, List<cz.souhra.shared.ids.IssueId> issues, boolean concluded) {}

    @AggregateIdentifier
    private MeetingId id;
    private RegionCode region;
    private BodyId bodyId;
    private Instant startsAt;
    private Instant convenedAt;
    /** Member institutions present with a vote (delegate or substitute), from the attendance sheet. */
    private int present;
    /** The attendance sheet's counts, for the refusal of a decision at a sitting without quorum. */
    private int memberCount;
    private int required;
    private QuorumRule quorum;
    private Status status;
    private final Set<InstitutionId> members = new LinkedHashSet<>();
    private final Map<AgendaItemId, Item> items = new LinkedHashMap<>();
    private final Set<ResolutionId> resolutions = new HashSet<>();
    private final Set<AgendaItemId> carriedFrom = new HashSet<>();
    private final Set<MeasureId> carriedMeasures = new HashSet<>();
    private boolean checkpointRecorded;
    /** Who attended for each member institution, from the attendance sheet: the verifiers are named from it. */
    private final Map<InstitutionId, Attendance> sheet = new LinkedHashMap<>();
    private String minutesText;
    private final MinutesApproval approval = new MinutesApproval();

    protected Meeting() {}

    /** Created by {@link MeetingScheduling} once the body has been read. */
    Meeting(MeetingScheduledEvent scheduled) {
        apply(scheduled, Facts.in(scheduled.region(), scheduled.startsAt()));
    }

    @CommandHandler
    void handle(RescheduleMeetingCommand cmd, MetaData metaData) {
        requireSecretary(metaData);
        requireStatus(Status.SCHEDULED);
        if (cmd.startsAt() == null) {
            throw DomainException.invalid("REQUIRED", "startsAt");
        }
        apply(new MeetingRescheduledEvent(id, region, cmd.startsAt(), cmd.place(), Facts.requireText(cmd.reason(), "reason", 2000)),
                Facts.in(region));
    }

    @CommandHandler
    void handle(CancelMeetingCommand cmd, MetaData metaData) {
        requireSecretary(metaData);
        requireStatus(Status.SCHEDULED);
        apply(new MeetingCancelledEvent(id, region, Facts.requireText(cmd.reason(), "reason", 2000)), Facts.in(region));
    }

    @CommandHandler
    void handle(AddAgendaItemCommand cmd, MetaData metaData) {
        requireSecretary(metaData);
        requireOpen();
        if (items.containsKey(cmd.itemId())) {
            throw DomainException.conflict("AGENDA_ITEM_EXISTS", cmd.itemId());
        }
        apply(new AgendaItemAddedEvent(id, region, cmd.itemId(), Facts.requireText(cmd.title(), "title", 500), cmd.presenter(),
                cmd.issues() == null ? List.of() : List.copyOf(cmd.issues())), Facts.in(region));
    }

    @CommandHandler
    void handle(RemoveAgendaItemCommand cmd, MetaData metaData) {
        requireSecretary(metaData);
        requireStatus(Status.SCHEDULED);
        requireItem(cmd.itemId());
        apply(new AgendaItemRemovedEvent(id, region, cmd.itemId(), Facts.requireText(cmd.reason(), "reason", 2000)), Facts.in(region));
    }

    /** The agenda in a new order, until the meeting is closed; the same order again records nothing. */
    @CommandHandler
    void handle(ReorderAgendaCommand cmd, MetaData metaData) {
        requireSecretary(metaData);
        requireOpen();
        List<AgendaItemId> order = cmd.order() == null ? List.of() : cmd.order();
        if (order.size() != items.size() || !new HashSet<>(order).equals(items.keySet())) {
            throw DomainException.field(DomainException.Kind.RULE, "AGENDA_ORDER_MISMATCH", "order", order.size(), items.size());
        }
        if (!order.equals(new ArrayList<>(items.keySet()))) {
            apply(new AgendaReorderedEvent(id, region, List.copyOf(order)), Facts.in(region));
        }
    }

    /** Called by {@link CarryOver} with what the earlier meeting left unfinished. */
    void carryOver(Meeting from, List<MeasureId> openMeasures, Actor actor) {
        Facts.requireSecretary(actor, bodyId.value());
        requireOpen();
        if (!from.bodyId.equals(bodyId)) {
            throw DomainException.rule("CARRY_OVER_OTHER_BODY");
        }
        if (!from.startsAt.isBefore(startsAt)) {
            throw DomainException.rule("CARRY_OVER_NOT_EARLIER");
        }
        for (Item item : from.items.values()) {
            if (!item.concluded() && !carriedFrom.contains(item.id())) {
                apply(new AgendaItemCarriedOverEvent(id, region, AgendaItemId.of(nameUuid(id, item.id())), item.title(), item.presenter(),
                        item.issues(), from.id, item.id()), Facts.in(region));
            }
        }
        for (MeasureId m : openMeasures) {
            if (!carriedMeasures.contains(m)) {
                apply(new OpenMeasureCarriedOverEvent(id, region, m, from.id), Facts.in(region));
            }
        }
    }

    /** Deterministic id of a carried item: carrying over twice gives the same id (and is skipped). */
    private static String nameUuid(MeetingId meeting, AgendaItemId from) {
        return java.util.UUID.nameUUIDFromBytes((meeting.value() + "/" + from.value()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    @CommandHandler
    void handle(ConveneMeetingCommand cmd, MetaData metaData) {
        requireSecretary(metaData);
        requireStatus(Status.SCHEDULED);
        if (cmd.convenedAt() == null) {
            throw DomainException.invalid("REQUIRED", "convenedAt");
        }
        if (cmd.convenedAt().isBefore(startsAt)) {
            // The record says when the sitting began; one held earlier than scheduled is rescheduled first,
            // so that the agenda, the calendar and the minutes all show the time it was held.
            throw DomainException.field(DomainException.Kind.RULE, "CONVENED_BEFORE_START", "convenedAt", cmd.convenedAt(), startsAt);
        }
        List<Attendance> sheet = cmd.attendance() == null ? List.of() : cmd.attendance();
        Set<InstitutionId> seen = new HashSet<>();
        for (Attendance a : sheet) {
            if (a.institution() == null || a.status() == null) {
                throw DomainException.invalid("REQUIRED", "attendance");
            }
            if (!members.contains(a.institution())) {
                throw DomainException.rule("ATTENDANCE_NOT_MEMBER", a.institution());
            }
            if (!seen.add(a.institution())) {
                throw DomainException.invalid("ATTENDANCE_DUPLICATE", a.institution());
            }
        }
        int present = (int) sheet.stream().filter(a -> a.status().present()).count();
        // A sitting without quorum is recorded too (attendance, discussion, minutes): it only cannot decide,
        // which the resolution and the measure decisions refuse with QUORUM_NOT_MET.
        apply(new MeetingConvenedEvent(id, region, cmd.convenedAt(), List.copyOf(sheet), present, members.size(),
                (int) quorum.required(members.size())), Facts.in(region, cmd.convenedAt()));
    }

    @CommandHandler
    void handle(RecordDiscussionCommand cmd, MetaData metaData) {
        requireSecretary(metaData);
        requireStatus(Status.CONVENED);
        requireItem(cmd.itemId());
        apply(new ItemDiscussedEvent(id, region, cmd.itemId(), Facts.requireText(cmd.summary(), "summary", 20_000), cmd.concluded()),
                Facts.in(region, convenedAt));
    }

    @CommandHandler
    void handle(AdoptResolutionCommand cmd, MetaData metaData) {
        requireSecretary(metaData);
        requireStatus(Status.CONVENED);
        if (cmd.itemId() != null) {
            requireItem(cmd.itemId());
        }
        requireQuorum();
        if (resolutions.contains(cmd.resolutionId())) {
            throw DomainException.conflict("RESOLUTION_EXISTS", cmd.resolutionId());
        }
        if (cmd.votes() != null && cmd.votes().inFavour() + cmd.votes().against() + cmd.votes().abstained() > present) {
            // Each member institution present (delegate or substitute) has one vote.
            throw DomainException.field(DomainException.Kind.RULE, "VOTES_EXCEED_PRESENT", "votes",
                    cmd.votes().inFavour() + cmd.votes().against() + cmd.votes().abstained(), present);
        }
        apply(new ResolutionAdoptedEvent(id, region, cmd.resolutionId(), cmd.itemId(), cmd.number(),
                Facts.requireText(cmd.text(), "text", 20_000), cmd.votes()), Facts.in(region, convenedAt));
    }

    /** A measure comes to exist only here: through a resolution of this convened, open meeting. */
    @CommandHandler
    void handle(AdoptMeasureCommand cmd, MetaData metaData) throws Exception {
        requireSecretary(metaData);
        if (status != Status.CONVENED) {
            throw DomainException.rule("MEASURE_OUTSIDE_MEETING");
        }
        if (cmd.resolutionId() == null || !resolutions.contains(cmd.resolutionId())) {
            throw DomainException.rule("RESOLUTION_UNKNOWN", cmd.resolutionId());
        }
        if (cmd.owner() == null || !members.contains(cmd.owner())) {
            throw DomainException.rule("OWNER_NOT_MEMBER", cmd.owner());
        }
        if (cmd.dueDate() == null) {
            throw DomainException.invalid("REQUIRED", "dueDate");
        }
        LocalDate heldOn = convenedAt.atZone(Facts.PRAGUE).toLocalDate();
        if (cmd.dueDate().isBefore(heldOn)) {
            throw DomainException.field(DomainException.Kind.RULE, "DUE_BEFORE_MEETING", "dueDate", cmd.dueDate(), heldOn);
        }
        MeasureAdoptedEvent adopted = new MeasureAdoptedEvent(cmd.measureId(), region, bodyId, id, cmd.resolutionId(), convenedAt,
                Facts.requireText(cmd.title(), "title", 500), cmd.description(), cmd.owner(), cmd.dueDate(),
                cmd.addresses() == null ? List.of() : List.copyOf(cmd.addresses()),
                cmd.decisionBasis());
        createNew(Measure.class, () -> new Measure(adopted));
    }

    @CommandHandler
    void handle(RecordMinutesCommand cmd, MetaData metaData) {
        Actor actor = requireSecretary(metaData);
        requireStatus(Status.CONVENED);
        apply(new MinutesRecordedEvent(id, region, Facts.requireText(cmd.text(), "text", 200_000), actor.user()), Facts.in(region, convenedAt));
    }

    @CommandHandler
    void handle(CloseMeetingCommand cmd, MetaData metaData) {
        requireSecretary(metaData);
        requireStatus(Status.CONVENED);
        if (cmd.closedAt() == null) {
            throw DomainException.invalid("REQUIRED", "closedAt");
        }
        if (cmd.closedAt().isBefore(convenedAt)) {
            throw DomainException.field(DomainException.Kind.RULE, "CLOSED_BEFORE_CONVENED", "closedAt", cmd.closedAt(), convenedAt);
        }
        apply(new MeetingClosedEvent(id, region, bodyId, cmd.closedAt()), Facts.in(region, cmd.closedAt()));
    }

    @CommandHandler
    void handle(CorrectMeetingRecordCommand cmd, MetaData metaData) {
        requireSecretary(metaData);
        if (status != Status.CLOSED) {
            // Before closing, the record itself is edited; corrections are for the locked record only.
            throw DomainException.conflict("MEETING_NOT_CLOSED", id);
        }
        apply(new MeetingCorrectedEvent(id, region, Facts.requireText(cmd.what(), "what", 200), Facts.requireText(cmd.correction(), "correction", 20_000),
                Facts.requireText(cmd.reason(), "reason", 2000)), Facts.in(region));
    }

    /** Sent by the ledger when it chained this meeting's closing; recorded once. */
    @CommandHandler
    void handle(RecordLedgerCheckpointCommand cmd) {
        if (status != Status.CLOSED || checkpointRecorded) {
            return;
        }
        apply(new LedgerCheckpointRecordedEvent(id, region, cmd.position(), cmd.digest()), Facts.in(region));
    }

    /**
     * The recorded minutes go to the verifiers: institutions present at the closed meeting (delegate or
     * substitute). The period's end is the command's time plus the configured period, never the clock.
     */
    @CommandHandler
    void handle(StartMinutesVerificationCommand cmd, MetaData metaData) {
        requireSecretary(metaData);
        if (status == Status.CANCELLED) {
            throw DomainException.conflict("MEETING_CANCELLED", id);
        }
        if (status != Status.CLOSED) {
            throw DomainException.conflict("MINUTES_MEETING_NOT_CLOSED", id);
        }
        if (minutesText == null) {
            throw DomainException.rule("MINUTES_NOT_RECORDED", id);
        }
        if (approval.state != MinutesApproval.State.NONE) {
            throw DomainException.conflict(approval.state == MinutesApproval.State.FINAL ? "MINUTES_ALREADY_FINAL" : "MINUTES_VERIFICATION_STARTED", id);
        }
        List<InstitutionId> named = cmd.verifiers() == null ? List.of() : cmd.verifiers();
        if (named.isEmpty()) {
            throw DomainException.invalid("REQUIRED", "verifiers");
        }
        List<MinutesVerifier> verifiers = new ArrayList<>();
        Set<InstitutionId> seen = new HashSet<>();
        for (int i = 0; i < named.size(); i++) {
            InstitutionId institution = named.get(i);
            if (institution == null) {
                throw DomainException.invalid("REQUIRED", "verifiers[" + i + "]");
            }
            if (!seen.add(institution)) {
                throw DomainException.field(DomainException.Kind.INVALID, "MINUTES_VERIFIER_DUPLICATE", "verifiers[" + i + "]", institution);
            }
            Attendance attended = sheet.get(institution);
            if (attended == null || !attended.status().present()) {
                throw DomainException.field(DomainException.Kind.RULE, "MINUTES_VERIFIER_NOT_PRESENT", "verifiers[" + i + "]", institution);
            }
            verifiers.add(new MinutesVerifier(institution,
                    attended.status() == cz.souhra.shared.model.AttendanceStatus.SUBSTITUTE ? attended.substitute() : attended.delegate()));
        }
        Instant at = requireTime(cmd.at());
        apply(new MinutesVerificationStartedEvent(id, region, 1, minutesText, List.copyOf(verifiers), at, at.plus(requirePeriod(cmd.period()))),
                Facts.in(region, at));
    }

    @CommandHandler
    void handle(ConfirmMinutesCommand cmd, MetaData metaData) {
        Actor actor = requireVerifierWhileOpen(metaData, cmd.at(), cmd.version());
        InstitutionId verifier = InstitutionId.of(actor.institution());
        if (approval.confirmed.contains(verifier)) {
            throw DomainException.conflict("MINUTES_ALREADY_CONFIRMED", approval.version);
        }
        if (approval.hasOpenObjectionOf(verifier)) {
            throw DomainException.conflict("MINUTES_OBJECTION_OPEN", approval.version);
        }
        apply(new MinutesConfirmedEvent(id, region, approval.version, verifier, actor.user(), cmd.at()), Facts.in(region, cmd.at()));
        if (approval.confirmed.containsAll(approval.verifiers.keySet()) && !approval.hasOpenObjections()) {
            approve(MinutesApprovalBasis.ALL_CONFIRMED, cmd.at());
        }
    }

    @CommandHandler
    void handle(ObjectToMinutesCommand cmd, MetaData metaData) {
        Actor actor = requireVerifierWhileOpen(metaData, cmd.at(), cmd.version());
        InstitutionId verifier = InstitutionId.of(actor.institution());
        if (approval.confirmed.contains(verifier)) {
            throw DomainException.conflict("MINUTES_ALREADY_CONFIRMED", approval.version);
        }
        String text = Facts.requireText(cmd.text(), "text", 20_000);
        apply(new MinutesObjectionRaisedEvent(id, region, approval.objections.size() + 1, approval.version, verifier, actor.user(), text, cmd.at()),
                Facts.in(region, cmd.at()));
    }

    /** The draft stays as it is; the objection is kept with the secretary's answer and printed with the final minutes. */
    @CommandHandler
    void handle(NoteMinutesObjectionCommand cmd, MetaData metaData) {
        Actor actor = requireSecretary(metaData);
        requireInVerification();
        Instant at = requireTime(cmd.at());
        if (cmd.objection() == null || !approval.objections.containsKey(cmd.objection())) {
            throw DomainException.field(DomainException.Kind.RULE, "MINUTES_OBJECTION_UNKNOWN", "objection", cmd.objection());
        }
        if (!approval.open.contains(cmd.objection())) {
            throw DomainException.conflict("MINUTES_OBJECTION_ANSWERED", cmd.objection());
        }
        apply(new MinutesObjectionNotedEvent(id, region, cmd.objection(), Facts.requireText(cmd.note(), "note", 2000), actor.user(), at),
                Facts.in(region, at));
        if (!at.isBefore(approval.deadline) && !approval.hasOpenObjections()) {
            // the period has already ended: this answer was the last thing the minutes waited for
            approve(MinutesApprovalBasis.PERIOD_ENDED, at);
        }
    }

    /** A new draft answers every open objection; the verifiers then answer the new text within a new period. */
    @CommandHandler
    void handle(CorrectMinutesDraftCommand cmd, MetaData metaData) {
        Actor actor = requireSecretary(metaData);
        requireInVerification();
        Instant at = requireTime(cmd.at());
        String text = Facts.requireText(cmd.text(), "text", 200_000);
        if (text.equals(approval.text)) {
            throw DomainException.field(DomainException.Kind.RULE, "MINUTES_DRAFT_UNCHANGED", "text", approval.version);
        }
        String note = cmd.note() == null || cmd.note().isBlank() ? null : Facts.requireText(cmd.note(), "note", 2000);
        List<Integer> answers = List.copyOf(approval.open);
        apply(new MinutesDraftCorrectedEvent(id, region, approval.version + 1, text, answers, note, actor.user(), at, at.plus(requirePeriod(cmd.period()))),
                Facts.in(region, at));
    }

    /** Sent by the schedule, possibly often and on two nodes: outside an ended period without open objections it records nothing. */
    @CommandHandler
    void handle(EndMinutesVerificationPeriodCommand cmd) {
        if (approval.state != MinutesApproval.State.IN_VERIFICATION || cmd.at() == null || cmd.at().isBefore(approval.deadline)
                || approval.hasOpenObjections()) {
            return;
        }
        approve(MinutesApprovalBasis.PERIOD_ENDED, approval.deadline);
    }

    private void approve(MinutesApprovalBasis basis, Instant at) {
        apply(new MinutesApprovedEvent(id, region, approval.version, approval.text, basis, at), Facts.in(region, at));
    }

    /** The acting account's institution is a verifier, the draft it answers is the current one and the period is running. */
    private Actor requireVerifierWhileOpen(MetaData metaData, Instant at, Integer version) {
        Actor actor = Facts.actor(metaData);
        Facts.requireWriter(actor);
        requireInVerification();
        if (actor.institution() == null || !approval.verifiers.containsKey(InstitutionId.of(actor.institution()))) {
            throw DomainException.forbidden("NOT_MINUTES_VERIFIER", id);
        }
        if (!requireTime(at).isBefore(approval.deadline)) {
            throw DomainException.conflict("MINUTES_PERIOD_ENDED", approval.deadline);
        }
        if (version == null) {
            throw DomainException.invalid("REQUIRED", "version");
        }
        if (version != approval.version) {
            throw DomainException.field(DomainException.Kind.CONFLICT, "MINUTES_VERSION_STALE", "version", version, approval.version);
        }
        return actor;
    }

    private void requireInVerification() {
        if (approval.state == MinutesApproval.State.FINAL) {
            throw DomainException.conflict("MINUTES_ALREADY_FINAL", id);
        }
        if (approval.state == MinutesApproval.State.NONE) {
            throw DomainException.conflict("MINUTES_NOT_IN_VERIFICATION", id);
        }
    }

    private static Instant requireTime(Instant at) {
        if (at == null) {
            throw DomainException.invalid("REQUIRED", "at");
        }
        return at;
    }

    private static java.time.Duration requirePeriod(java.time.Duration period) {
        if (period == null || period.isNegative() || period.isZero()) {
            throw DomainException.invalid("REQUIRED", "period");
        }
        return period;
    }

    /** The decision basis a later change of a measure refers to; only a resolution of a convened meeting counts. */
    Decision decision(ResolutionId resolutionId, Actor actor) {
        Facts.requireSecretary(actor, bodyId.value());
        if (status != Status.CONVENED) {
            throw DomainException.rule("DECISION_MEETING_NOT_CONVENED", id);
        }
        requireQuorum();
        if (resolutionId == null || !resolutions.contains(resolutionId)) {
            throw DomainException.rule("RESOLUTION_UNKNOWN", resolutionId);
        }
        return new Decision(id, resolutionId, bodyId, convenedAt);
    }

    BodyId bodyId() {
        return bodyId;
    }

    boolean isMember(InstitutionId institution) {
        return members.contains(institution);
    }

    private Actor requireSecretary(MetaData metaData) {
        Actor actor = Facts.actor(metaData);
        Facts.requireSecretary(actor, bodyId.value());
        return actor;
    }

    /** Whether the attendance sheet met the quorum rule in force when the meeting was convened. */
    boolean quorate() {
        return present >= required;
    }

    private void requireQuorum() {
        if (!quorate()) {
            throw DomainException.rule("QUORUM_NOT_MET", present, memberCount, required);
        }
    }

    private void requireItem(AgendaItemId itemId) {
        if (itemId == null || !items.containsKey(itemId)) {
            throw DomainException.rule("AGENDA_ITEM_UNKNOWN", itemId);
        }
    }

    private void requireOpen() {
        if (status == Status.CLOSED) {
            throw DomainException.conflict("MEETING_CLOSED", id);
        }
        if (status == Status.CANCELLED) {
            throw DomainException.conflict("MEETING_CANCELLED", id);
        }
    }

    private void requireStatus(Status expected) {
        requireOpen();
        if (status != expected) {
            throw DomainException.conflict(expected == Status.CONVENED ? "MEETING_NOT_CONVENED" : "MEETING_ALREADY_CONVENED", id);
        }
    }

    @EventSourcingHandler
    void on(MeetingScheduledEvent e) {
        id = e.meetingId();
        region = e.region();
        bodyId = e.bodyId();
        startsAt = e.startsAt();
        quorum = e.quorum();
        members.addAll(e.members());
        status = Status.SCHEDULED;
    }

    @EventSourcingHandler
    void on(MeetingRescheduledEvent e) {
        startsAt = e.startsAt();
    }

    @EventSourcingHandler
    void on(MeetingCancelledEvent e) {
        status = Status.CANCELLED;
    }

    @EventSourcingHandler
    void on(AgendaItemAddedEvent e) {
        items.put(e.itemId(), new Item(e.itemId(), e.title(), e.presenter(), e.issues(), false));
    }

    @EventSourcingHandler
    void on(AgendaItemCarriedOverEvent e) {
        items.put(e.itemId(), new Item(e.itemId(), e.title(), e.presenter(), e.issues(), false));
        carriedFrom.add(e.fromItemId());
    }

    @EventSourcingHandler
    void on(OpenMeasureCarriedOverEvent e) {
        carriedMeasures.add(e.measureId());
    }

    @EventSourcingHandler
    void on(AgendaItemRemovedEvent e) {
        items.remove(e.itemId());
    }

    @EventSourcingHandler
    void on(AgendaReorderedEvent e) {
        Map<AgendaItemId, Item> reordered = new LinkedHashMap<>();
        e.order().forEach(i -> reordered.put(i, items.get(i)));
        items.clear();
        items.putAll(reordered);
    }

    @EventSourcingHandler
    void on(MeetingConvenedEvent e) {
        status = Status.CONVENED;
        convenedAt = e.convenedAt();
        e.attendance().forEach(a -> sheet.put(a.institution(), a));
        present = e.present();
        memberCount = e.members();
        required = e.required();
    }

    @EventSourcingHandler
    void on(ItemDiscussedEvent e) {
        items.computeIfPresent(e.itemId(), (k, i) -> new Item(i.id(), i.title(), i.presenter(), i.issues(), i.concluded() || e.concluded()));
    }

    @EventSourcingHandler
    void on(ResolutionAdoptedEvent e) {
        resolutions.add(e.resolutionId());
    }

    @EventSourcingHandler
    void on(MeetingClosedEvent e) {
        status = Status.CLOSED;
    }

    @EventSourcingHandler
    void on(LedgerCheckpointRecordedEvent e) {
        checkpointRecorded = true;
    }

    @EventSourcingHandler
    void on(MinutesRecordedEvent e) {
        minutesText = e.text();
    }

    @EventSourcingHandler
    void on(MinutesVerificationStartedEvent e) {
        approval.state = MinutesApproval.State.IN_VERIFICATION;
        approval.version = e.version();
        approval.text = e.text();
        approval.deadline = e.deadline();
        e.verifiers().forEach(v -> approval.verifiers.put(v.institution(), v));
    }

    @EventSourcingHandler
    void on(MinutesConfirmedEvent e) {
        approval.confirmed.add(e.verifier());
    }

    @EventSourcingHandler
    void on(MinutesObjectionRaisedEvent e) {
        approval.objections.put(e.objection(), e.verifier());
        approval.open.add(e.objection());
    }

    @EventSourcingHandler
    void on(MinutesObjectionNotedEvent e) {
        approval.open.remove(e.objection());
    }

    @EventSourcingHandler
    void on(MinutesDraftCorrectedEvent e) {
        approval.version = e.version();
        approval.text = e.text();
        approval.deadline = e.deadline();
        approval.confirmed.clear();
        e.answers().forEach(approval.open::remove);
    }

    @EventSourcingHandler
    void on(MinutesApprovedEvent e) {
        approval.state = MinutesApproval.State.FINAL;
    }

    List<Item> agenda() {
        return new ArrayList<>(items.values());
    }
}
