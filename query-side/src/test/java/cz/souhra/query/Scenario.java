package cz.souhra.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;

import cz.souhra.shared.events.body.BodyEstablishedEvent;
import cz.souhra.shared.events.body.MemberAdmittedEvent;
import cz.souhra.shared.events.institution.InstitutionRegisteredEvent;
import cz.souhra.shared.events.issue.IssueRaisedEvent;
import cz.souhra.shared.events.measure.MeasureAdoptedEvent;
import cz.souhra.shared.events.measure.MeasureBecameOverdueEvent;
import cz.souhra.shared.events.measure.ProgressReportedEvent;
import cz.souhra.shared.events.meeting.AgendaItemAddedEvent;
import cz.souhra.shared.events.meeting.MeetingConvenedEvent;
import cz.souhra.shared.events.meeting.MeetingScheduledEvent;
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
import cz.souhra.shared.model.InstitutionKind;
import cz.souhra.shared.model.IssueCategory;
import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.model.Votes;

/**
 * A small, fixed story: a working group (KULK, UPLB) meets, adopts a measure for UPLB addressing an
 * issue about a dormitory; UPLB reports 40 %; the measure becomes overdue. A second body (KRPL alone)
 * owns a measure nobody else may read.
 */
public final class Scenario {

    public static final RegionCode R = RegionCode.of(QueryFixture.REGION);
    public static final BodyId BODY = BodyId.of("0b0d0000-0000-4000-8000-000000000001");
    public static final BodyId OTHER_BODY = BodyId.of("0b0d0000-0000-4000-8000-000000000002");
    public static final MeetingId MEETING = MeetingId.of("0e0e0000-0000-4000-8000-000000000001");
    public static final MeetingId OTHER_MEETING = MeetingId.of("0e0e0000-0000-4000-8000-000000000002");
    public static final AgendaItemId ITEM = AgendaItemId.of("0a0a0000-0000-4000-8000-000000000001");
    public static final ResolutionId RESOLUTION = ResolutionId.of("0c0c0000-0000-4000-8000-000000000001");
    public static final IssueId ISSUE = IssueId.of("01550000-0000-4000-8000-000000000001");
    public static final MeasureId MEASURE = MeasureId.of("0f0f0000-0000-4000-8000-000000000001");
    public static final MeasureId POLICE_MEASURE = MeasureId.of("0f0f0000-0000-4000-8000-000000000002");
    public static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    public static final Instant ADOPTED_AT = T0.plusSeconds(3600);
    public static final Instant PROGRESS_AT = T0.plusSeconds(7200);
    public static final Instant OVERDUE_AT = T0.plusSeconds(10800);

    private Scenario() {}

    private static final List<DomainEventMessage<?>> EVENTS = build();

    /** The same stored events (same ids) on every call, as a redelivery would bring them. */
    public static List<DomainEventMessage<?>> events() {
        return EVENTS;
    }

    private static List<DomainEventMessage<?>> build() {
        long[] i = {0};
        java.util.function.Supplier<Instant> t = () -> T0.plusSeconds(i[0]++);
        return List.of(
                ev("Institution", "KULK", 0, new InstitutionRegisteredEvent(InstitutionId.of("KULK"), R, InstitutionKind.REGION_OFFICE, "Krajský úřad"), t.get()),
                ev("Institution", "UPLB", 0, new InstitutionRegisteredEvent(InstitutionId.of("UPLB"), R, InstitutionKind.LABOUR_OFFICE, "Úřad práce"), t.get()),
                ev("Institution", "KRPL", 0, new InstitutionRegisteredEvent(InstitutionId.of("KRPL"), R, InstitutionKind.POLICE, "Policie"), t.get()),
                ev("Body", BODY.value(), 0, new BodyEstablishedEvent(BODY, R, BodyKind.WORKING_GROUP, "Skupina pro ubytovny", 4,
                        QuorumRule.MORE_THAN_HALF), t.get()),
                ev("Body", BODY.value(), 1, new MemberAdmittedEvent(BODY, R, InstitutionId.of("KULK")), t.get()),
                ev("Body", BODY.value(), 2, new MemberAdmittedEvent(BODY, R, InstitutionId.of("UPLB")), t.get()),
                ev("Body", OTHER_BODY.value(), 0, new BodyEstablishedEvent(OTHER_BODY, R, BodyKind.WORKING_GROUP, "Bezpečnost", 4,
                        QuorumRule.MORE_THAN_HALF), t.get()),
                ev("Body", OTHER_BODY.value(), 1, new MemberAdmittedEvent(OTHER_BODY, R, InstitutionId.of("KRPL")), t.get()),
                ev("Issue", ISSUE.value(), 0, new IssueRaisedEvent(ISSUE, R, IssueCategory.DORMITORY_TENSIONS, "Napětí u ubytovny v Doubí", "Stížnosti sousedů",
                        "Liberec-Doubí", InstitutionId.of("UPLB"), LocalDate.parse("2026-02-20"), null), t.get()),
                ev("Meeting", MEETING.value(), 0, new MeetingScheduledEvent(MEETING, R, BODY, Instant.parse("2026-03-10T09:00:00Z"), "KÚ Liberec",
                        List.of(InstitutionId.of("KULK"), InstitutionId.of("UPLB")), QuorumRule.MORE_THAN_HALF), t.get()),
                ev("Meeting", MEETING.value(), 1, new AgendaItemAddedEvent(MEETING, R, ITEM, "Ubytovny", InstitutionId.of("UPLB"), List.of(ISSUE)), t.get()),
                ev("Meeting", MEETING.value(), 2, new MeetingConvenedEvent(MEETING, R, Instant.parse("2026-03-10T09:05:00Z"), List.of(
                        new Attendance(InstitutionId.of("KULK"), AttendanceStatus.DELEGATE, "Jana Nováková", null),
                        new Attendance(InstitutionId.of("UPLB"), AttendanceStatus.SUBSTITUTE, null, "Petr Svoboda")), 2, 2, 2), t.get()),
                ev("Meeting", MEETING.value(), 3, new ResolutionAdoptedEvent(MEETING, R, RESOLUTION, ITEM, "1/2026", "Zmapovat ubytovny", new Votes(2, 0, 0)),
                        t.get()),
                ev("Measure", MEASURE.value(), 0, new MeasureAdoptedEvent(MEASURE, R, BODY, MEETING, RESOLUTION, Instant.parse("2026-03-10T10:00:00Z"),
                        "Zmapovat agenturní ubytovny", "Seznam ubytoven", InstitutionId.of("UPLB"), LocalDate.parse("2026-06-30"), List.of(ISSUE), "usnesení 1/2026"),
                        ADOPTED_AT),
                ev("Measure", POLICE_MEASURE.value(), 0, new MeasureAdoptedEvent(POLICE_MEASURE, R, OTHER_BODY, OTHER_MEETING, RESOLUTION,
                        Instant.parse("2026-03-10T10:00:00Z"), "Hlídky", "Zvýšit hlídky", InstitutionId.of("KRPL"), LocalDate.parse("2026-04-30"), List.of(),
                        "usnesení 1/2026"), ADOPTED_AT.plusSeconds(1)),
                ev("Measure", MEASURE.value(), 1, new ProgressReportedEvent(MEASURE, R, 40, "Zmapováno 12 z 30", LocalDate.parse("2026-04-15")), PROGRESS_AT),
                ev("Measure", MEASURE.value(), 2, new MeasureBecameOverdueEvent(MEASURE, R, LocalDate.parse("2026-06-30"), LocalDate.parse("2026-07-01")),
                        OVERDUE_AT));
    }

    private static DomainEventMessage<?> ev(String type, String id, long seq, Object payload, Instant at) {
        String institution = type.equals("Measure") && !(payload instanceof MeasureAdoptedEvent) ? "UPLB" : "KULK";
        Instant effective = payload instanceof ProgressReportedEvent ? Instant.parse("2026-04-14T22:00:00Z") : null;
        return QueryFixture.event(type, id, seq, payload, at, institution.equals("UPLB") ? "uprace" : "tajemnice", institution, effective);
    }

    public static QueryFixture loaded() {
        QueryFixture f = new QueryFixture();
        events().forEach(f::appendAndDeliver);
        return f;
    }
}
