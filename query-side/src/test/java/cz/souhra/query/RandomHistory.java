package cz.souhra.query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;

import cz.souhra.shared.events.body.BodyEstablishedEvent;
import cz.souhra.shared.events.body.MemberAdmittedEvent;
import cz.souhra.shared.events.body.MemberRemovedEvent;
import cz.souhra.shared.events.body.SecretaryAppointedEvent;
import cz.souhra.shared.events.body.SecretaryRemovedEvent;
import cz.souhra.shared.events.institution.InstitutionRegisteredEvent;
import cz.souhra.shared.events.institution.InstitutionRenamedEvent;
import cz.souhra.shared.events.issue.IssueLinkedToAgendaItemEvent;
import cz.souhra.shared.events.issue.IssueRaisedEvent;
import cz.souhra.shared.events.issue.IssueRecategorisedEvent;
import cz.souhra.shared.events.issue.IssueReopenedEvent;
import cz.souhra.shared.events.issue.IssueResolvedEvent;
import cz.souhra.shared.events.measure.CompletionVerifiedEvent;
import cz.souhra.shared.events.measure.DeadlineExtendedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureBecameOverdueEvent;
import cz.souhra.shared.events.measure.MeasureCancelledEvent;
import cz.souhra.shared.events.measure.MeasureCompletedEvent;
import cz.souhra.shared.events.measure.MeasureReassignedEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.events.meeting.AgendaItemAddedEvent;
import cz.souhra.shared.events.meeting.AgendaItemCarriedOverEvent;
import cz.souhra.shared.events.meeting.ItemDiscussedEvent;
import cz.souhra.shared.events.meeting.LedgerCheckpointRecordedEvent;
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
import cz.souhra.shared.model.MinutesApprovalBasis;
import cz.souhra.shared.model.MinutesVerifier;
import cz.souhra.shared.events.meeting.OpenMeasureCarriedOverEvent;
import cz.souhra.shared.events.meeting.ResolutionAdoptedEvent;
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeasureId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.ids.ResolutionId;
import cz.souhra.shared.model.Attendance;
import cz.souhra.shared.model.AttendanceStatus;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.Decision;
import cz.souhra.shared.model.InstitutionKind;
import cz.souhra.shared.model.IssueCategory;
import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.model.Votes;

/**
 * Random but valid histories of one region, as the aggregates would record them: institutions, a body
 * with members, meetings that are scheduled, convened, decide and close, issues, and measures that are
 * adopted at convened meetings and then reported on, extended, reassigned, completed, verified or
 * cancelled. Timestamps only move forward, sometimes by zero (events recorded in the same instant).
 */
public final class RandomHistory {

    private static final RegionCode R = RegionCode.of(QueryFixture.REGION);
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    private final Random random;
    private Instant now = START;
    private final List<DomainEventMessage<?>> out = new ArrayList<>();
    private final List<String> institutions = new ArrayList<>();
    private final java.util.Map<String, Long> seq = new java.util.HashMap<>();
    private final List<String> issues = new ArrayList<>();
    private final java.util.Map<String, Boolean> issueOpen = new java.util.HashMap<>();
    private final List<String> measures = new ArrayList<>();
    private final java.util.Map<String, String> measureStatus = new java.util.HashMap<>();
    private final java.util.Map<String, String> measureOwner = new java.util.HashMap<>();
    private final java.util.Map<String, LocalDate> measureDue = new java.util.HashMap<>();

    private RandomHistory(long seed) {
        this.random = new Random(seed);
    }

    public static List<DomainEventMessage<?>> generate(long seed, int steps) {
        return new RandomHistory(seed).run(steps);
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private void emit(String type, String aggregate, Object payload, String institution, Instant effective) {
        int step = random.nextInt(5);
        now = now.plus(Duration.ofMinutes(step == 0 ? 0 : random.nextInt(600)));
        long s = seq.merge(aggregate, 1L, Long::sum) - 1;
        out.add(QueryFixture.event(type, aggregate, s, payload, now, "user-" + (institution == null ? "admin" : institution.toLowerCase()),
                institution, effective));
    }

    private List<DomainEventMessage<?>> run(int steps) {
        for (String code : List.of("KULK", "UPLB", "KRPL", "MMLB")) {
            institutions.add(code);
            emit("Institution", code, new InstitutionRegisteredEvent(InstitutionId.of(code), R, InstitutionKind.values()[random.nextInt(4)], "Instituce " + code),
                    null, null);
        }
        BodyId body = BodyId.of(uuid());
        emit("Body", body.value(), new BodyEstablishedEvent(body, R, BodyKind.WORKING_GROUP, "Pracovní skupina", 4, QuorumRule.MORE_THAN_HALF),
                null, null);
        for (String code : institutions) {
            emit("Body", body.value(), new MemberAdmittedEvent(body, R, InstitutionId.of(code)), null, null);
        }
        emit("Body", body.value(), new SecretaryAppointedEvent(body, R, "tajemnice"), null, null);
        emit("Body", body.value(), new SecretaryAppointedEvent(body, R, "zastupce"), null, null);
        emit("Body", body.value(), new SecretaryRemovedEvent(body, R, "zastupce"), null, null);
        String previousMeeting = null;
        List<String> previousItems = new ArrayList<>();
        for (int round = 0; round < steps; round++) {
            for (int k = random.nextInt(3); k > 0; k--) {
                raiseIssue();
            }
            MeetingId meeting = MeetingId.of(uuid());
            String m = meeting.value();
            Instant startsAt = now.plus(Duration.ofDays(7));
            emit("Meeting", m, new MeetingScheduledEvent(meeting, R, body, startsAt, "KÚ Liberec",
                    institutions.stream().map(InstitutionId::of).toList(), QuorumRule.MORE_THAN_HALF), "KULK", null);
            if (random.nextInt(4) == 0) {
                emit("Meeting", m, new MeetingRescheduledEvent(meeting, R, startsAt.plus(Duration.ofDays(1)), null, "kolize"), "KULK", null);
            }
            List<String> items = new ArrayList<>();
            if (previousMeeting != null && !previousItems.isEmpty() && random.nextBoolean()) {
                String from = pick(previousItems);
                AgendaItemId item = AgendaItemId.of(uuid());
                emit("Meeting", m, new AgendaItemCarriedOverEvent(meeting, R, item, "Převzatý bod", InstitutionId.of("KULK"), List.of(),
                        MeetingId.of(previousMeeting), AgendaItemId.of(from)), "KULK", null);
                items.add(item.value());
            }
            for (int k = 1 + random.nextInt(2); k > 0; k--) {
                AgendaItemId item = AgendaItemId.of(uuid());
                List<IssueId> linked = issues.isEmpty() || random.nextBoolean() ? List.of() : List.of(IssueId.of(pick(issues)));
                emit("Meeting", m, new AgendaItemAddedEvent(meeting, R, item, "Bod " + k, InstitutionId.of(pick(institutions)), linked), "KULK", null);
                for (IssueId i : linked) {
                    emit("Issue", i.value(), new IssueLinkedToAgendaItemEvent(i, R, meeting, item), "KULK", null);
                }
                items.add(item.value());
            }
            if (previousMeeting != null) {
                for (String measure : measures) {
                    if (isOpen(measure) && random.nextInt(3) == 0) {
                        emit("Meeting", m, new OpenMeasureCarriedOverEvent(meeting, R, MeasureId.of(measure), MeetingId.of(previousMeeting)), "KULK", null);
                    }
                }
            }
            Instant convened = now;
            emit("Meeting", m, new MeetingConvenedEvent(meeting, R, convened, institutions.stream()
                    .map(c -> new Attendance(InstitutionId.of(c), AttendanceStatus.DELEGATE, "delegát " + c, null)).toList(), 4, 4, 3), "KULK", startsAt);
            for (String item : items) {
                emit("Meeting", m, new ItemDiscussedEvent(meeting, R, AgendaItemId.of(item), "Projednáno", random.nextBoolean()), "KULK", startsAt);
            }
            for (int k = random.nextInt(3); k > 0; k--) {
                ResolutionId resolution = ResolutionId.of(uuid());
                emit("Meeting", m, new ResolutionAdoptedEvent(meeting, R, resolution, AgendaItemId.of(pick(items)), round + "/" + k, "Usnesení",
                        random.nextBoolean() ? null : new Votes(3, 0, 1)), "KULK", startsAt);
                Decision decision = new Decision(meeting, resolution, body, startsAt);
                if (random.nextBoolean()) {
                    adopt(meeting, resolution, body, startsAt);
                } else if (!measures.isEmpty()) {
                    decide(pick(measures), decision);
                }
            }
            for (int k = random.nextInt(4); k > 0 && !measures.isEmpty(); k--) {
                report(pick(measures));
            }
            emit("Meeting", m, new MinutesRecordedEvent(meeting, R, "Zápis " + round, "tajemnice"), "KULK", null);
            emit("Meeting", m, new MeetingClosedEvent(meeting, R, body, now), "KULK", null);
            emit("Meeting", m, new LedgerCheckpointRecordedEvent(meeting, R, out.size(), "%064x".formatted(round)), "KULK", null);
            if (random.nextInt(4) == 0) {
                emit("Meeting", m, new MeetingCorrectedEvent(meeting, R, "minutes", "oprava", "překlep"), "KULK", null);
            }
            if (random.nextInt(3) != 0) {
                approveMinutes(meeting, m, "Zápis " + round);
            }
            for (int k = random.nextInt(2); k > 0 && !issues.isEmpty(); k--) {
                changeIssue(pick(issues));
            }
            if (random.nextInt(5) == 0) {
                String code = pick(institutions);
                emit("Institution", code, new InstitutionRenamedEvent(InstitutionId.of(code), R, "Nový název " + code, "Instituce " + code), null, null);
            }
            previousMeeting = m;
            previousItems = items;
        }
        if (random.nextBoolean()) {
            emit("Body", body.value(), new MemberRemovedEvent(body, R, InstitutionId.of("MMLB"), "odchod"), null, null);
        }
        return out;
    }

    /**
     * The approval of the minutes, in one of its paths: a draft to two verifiers, possibly an objection that is
     * corrected (a new draft) or noted, confirmations, and the final minutes by confirmation or at the period's end
     * (or still open when the history ends).
     */
    private void approveMinutes(MeetingId meeting, String m, String text) {
        List<String> verifiers = List.of(institutions.get(0), institutions.get(1));
        emit("Meeting", m, new MinutesVerificationStartedEvent(meeting, R, 1, text, verifiers.stream()
                .map(c -> new MinutesVerifier(InstitutionId.of(c), "delegát " + c)).toList(), now, now.plus(Duration.ofDays(7))), "KULK", null);
        int version = 1;
        String current = text;
        if (random.nextBoolean()) {
            emit("Meeting", m, new MinutesObjectionRaisedEvent(meeting, R, 1, 1, InstitutionId.of(verifiers.get(1)), "user-" + verifiers.get(1).toLowerCase(),
                    "Námitka", now), verifiers.get(1), null);
            if (random.nextBoolean()) {
                version = 2;
                current = text + " (opraveno)";
                emit("Meeting", m, new MinutesDraftCorrectedEvent(meeting, R, 2, current, List.of(1), random.nextBoolean() ? null : "oprava", "tajemnice",
                        now, now.plus(Duration.ofDays(7))), "KULK", null);
            } else {
                emit("Meeting", m, new MinutesObjectionNotedEvent(meeting, R, 1, "Vzato na vědomí", "tajemnice", now), "KULK", null);
            }
        }
        int confirming = random.nextInt(3);
        for (int k = 0; k < confirming; k++) {
            emit("Meeting", m, new MinutesConfirmedEvent(meeting, R, version, InstitutionId.of(verifiers.get(k)), "user-" + verifiers.get(k).toLowerCase(), now),
                    verifiers.get(k), null);
        }
        if (confirming == 2) {
            emit("Meeting", m, new MinutesApprovedEvent(meeting, R, version, current, MinutesApprovalBasis.ALL_CONFIRMED, now), verifiers.get(1), null);
        } else if (random.nextBoolean()) {
            emit("Meeting", m, new MinutesApprovedEvent(meeting, R, version, current, MinutesApprovalBasis.PERIOD_ENDED, now), null, null);
        }
    }

    private boolean isOpen(String measure) {
        String s = measureStatus.get(measure);
        return s.equals("ADOPTED") || s.equals("IN_PROGRESS");
    }

    private void raiseIssue() {
        IssueId issue = IssueId.of(uuid());
        String by = pick(institutions);
        emit("Issue", issue.value(), new IssueRaisedEvent(issue, R, IssueCategory.values()[random.nextInt(4)], "Podnět " + issue.value().substring(0, 4),
                "Popis", random.nextBoolean() ? "Liberec" : "Jablonec", InstitutionId.of(by), LocalDate.of(2026, 1, 1 + random.nextInt(28)), null), by, null);
        issues.add(issue.value());
        issueOpen.put(issue.value(), true);
    }

    private void changeIssue(String issue) {
        IssueId id = IssueId.of(issue);
        switch (random.nextInt(3)) {
            case 0 -> emit("Issue", issue, new IssueRecategorisedEvent(id, R, IssueCategory.OTHER, null, "přesnější"), "KULK", null);
            case 1 -> {
                if (issueOpen.get(issue)) {
                    emit("Issue", issue, new IssueResolvedEvent(id, R, "vyřešeno", LocalDate.of(2026, 6, 1)), "KULK", null);
                    issueOpen.put(issue, false);
                }
            }
            default -> {
                if (!issueOpen.get(issue)) {
                    emit("Issue", issue, new IssueReopenedEvent(id, R, "znovu"), "KULK", null);
                    issueOpen.put(issue, true);
                }
            }
        }
    }

    private void adopt(MeetingId meeting, ResolutionId resolution, BodyId body, Instant at) {
        MeasureId measure = MeasureId.of(uuid());
        String owner = pick(institutions);
        LocalDate due = LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(30 + random.nextInt(60));
        List<IssueId> addresses = issues.isEmpty() ? List.of() : List.of(IssueId.of(pick(issues)));
        emit("Measure", measure.value(), new MeasureAdoptedEvent(measure, R, body, meeting, resolution, at, "Opatření", "Popis", InstitutionId.of(owner), due,
                addresses, "usnesení"), "KULK", at);
        measures.add(measure.value());
        measureStatus.put(measure.value(), "ADOPTED");
        measureOwner.put(measure.value(), owner);
        measureDue.put(measure.value(), due);
    }

    private void decide(String measure, Decision decision) {
        if (!isOpen(measure) && !measureStatus.get(measure).equals("COMPLETED")) {
            return;
        }
        MeasureId id = MeasureId.of(measure);
        switch (random.nextInt(4)) {
            case 0 -> {
                LocalDate due = measureDue.get(measure).plusDays(30);
                emit("Measure", measure, new DeadlineExtendedEvent(id, R, due, measureDue.get(measure), "odklad", decision), "KULK", null);
                measureDue.put(measure, due);
            }
            case 1 -> {
                String owner = pick(institutions);
                emit("Measure", measure, new MeasureReassignedEvent(id, R, InstitutionId.of(owner), InstitutionId.of(measureOwner.get(measure)), "změna", decision),
                        "KULK", null);
                measureOwner.put(measure, owner);
            }
            case 2 -> {
                if (measureStatus.get(measure).equals("COMPLETED")) {
                    emit("Measure", measure, new CompletionVerifiedEvent(id, R, "ověřeno", decision), "KULK", null);
                    measureStatus.put(measure, "VERIFIED");
                }
            }
            default -> {
                emit("Measure", measure, new MeasureCancelledEvent(id, R, "zrušeno", decision), "KULK", null);
                measureStatus.put(measure, "CANCELLED");
            }
        }
    }

    private void report(String measure) {
        if (!isOpen(measure)) {
            return;
        }
        MeasureId id = MeasureId.of(measure);
        String owner = measureOwner.get(measure);
        LocalDate on = LocalDate.ofInstant(now, ZoneOffset.UTC);
        switch (random.nextInt(4)) {
            case 0 -> {
                emit("Measure", measure, new MeasureCompletedEvent(id, R, "hotovo", on), owner, on.atStartOfDay().toInstant(ZoneOffset.UTC));
                measureStatus.put(measure, "COMPLETED");
            }
            case 1 -> emit("Measure", measure, new MeasureBecameOverdueEvent(id, R, measureDue.get(measure), on), null, null);
            default -> {
                emit("Measure", measure, new ProgressReportedEvent(id, R, 10 + random.nextInt(80), "zpráva", on), owner,
                        on.atStartOfDay().toInstant(ZoneOffset.UTC));
                measureStatus.put(measure, "IN_PROGRESS");
            }
        }
    }
}
