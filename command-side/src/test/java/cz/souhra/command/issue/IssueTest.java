package cz.souhra.command.issue;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cz.souhra.command.Actors;
import cz.souhra.command.common.DomainException;
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
import cz.souhra.shared.ids.AgendaItemId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.IssueId;
import cz.souhra.shared.ids.MeetingId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.IssueCategory;

class IssueTest {

    static final IssueId ID = IssueId.of("1550e000-0000-4000-8000-000000000001");
    static final RegionCode LBK = RegionCode.of("LBK");
    static final InstitutionId UPLB = InstitutionId.of("UPLB");
    static final LocalDate SEEN = LocalDate.parse("2026-02-01");
    static final MeetingId MEETING = MeetingId.of("3ee70000-0000-4000-8000-000000000001");
    static final AgendaItemId ITEM = AgendaItemId.of("a9e00000-0000-4000-8000-000000000001");

    AggregateTestFixture<Issue> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Issue.class);
    }

    static RaiseIssueCommand raise(IssueCategory category, InstitutionId by) {
        return new RaiseIssueCommand(ID, LBK, category, "Přeplněná ubytovna", "popis", "Jablonec n. N.", by, SEEN, null);
    }

    static IssueRaisedEvent raised() {
        return new IssueRaisedEvent(ID, LBK, IssueCategory.DORMITORY_TENSIONS, "Přeplněná ubytovna", "popis", "Jablonec n. N.", UPLB, SEEN, null);
    }

    @Test
    void a_member_raises_an_issue_for_their_own_institution_with_a_category_of_the_taxonomy() {
        fixture.givenNoPriorActivity()
                .when(raise(IssueCategory.DORMITORY_TENSIONS, UPLB), Actors.member("UPLB"))
                .expectEvents(raised());
    }

    @Test
    void a_secretary_records_an_issue_on_behalf_of_the_institution_that_raised_it() {
        fixture.givenNoPriorActivity()
                .when(raise(IssueCategory.DORMITORY_TENSIONS, UPLB), Actors.secretary())
                .expectEvents(raised());
    }

    @Test
    void a_member_cannot_raise_an_issue_in_the_name_of_another_institution() {
        fixture.givenNoPriorActivity()
                .when(raise(IssueCategory.DORMITORY_TENSIONS, UPLB), Actors.member("KRPL"))
                .expectException(DomainException.class)
                .expectExceptionMessage("Only a member of institution UPLB, a secretary or an administrator may act for it.").expectNoEvents();
    }

    @Test
    void a_member_of_a_liberec_institution_cannot_raise_an_issue_in_another_region() {
        fixture.givenNoPriorActivity()
                .when(new RaiseIssueCommand(ID, RegionCode.of("ULK"), IssueCategory.DORMITORY_TENSIONS, "Ubytovna", null, "Ústí", UPLB, SEEN, null),
                        Actors.member("UPLB"))
                .expectException(DomainException.class)
                .expectExceptionMessage("Region ULK is not yours: you act only in the regions of your institution and of its bodies.")
                .expectNoEvents();
    }

    @Test
    void a_secretary_cannot_record_an_issue_in_a_region_where_they_record_no_body() {
        fixture.givenNoPriorActivity()
                .when(raise(IssueCategory.DORMITORY_TENSIONS, UPLB), Actors.secretaryIn("ULK"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void an_administrator_records_an_issue_in_any_region() {
        fixture.givenNoPriorActivity()
                .when(new RaiseIssueCommand(ID, RegionCode.of("ULK"), IssueCategory.SCHOOLS, "Škola", null, "Ústí", UPLB, SEEN, null), Actors.admin())
                .expectEvents(new IssueRaisedEvent(ID, RegionCode.of("ULK"), IssueCategory.SCHOOLS, "Škola", null, "Ústí", UPLB, SEEN, null));
    }

    @Test
    void a_secretary_of_another_region_cannot_change_an_issue() {
        fixture.given(raised())
                .when(new RecategoriseIssueCommand(ID, IssueCategory.AGENCY_EMPLOYMENT, "jinak", null), Actors.secretaryIn("ULK"))
                .expectException(DomainException.class).expectNoEvents();
        fixture.given(raised())
                .when(new ResolveIssueCommand(ID, "vyřešeno", LocalDate.parse("2026-04-01"), null), Actors.secretaryIn("ULK"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void an_issue_without_a_category_is_refused_as_invalid() {
        fixture.givenNoPriorActivity()
                .when(raise(null, UPLB), Actors.member("UPLB"))
                .expectException(DomainException.class).expectExceptionMessage("Field \"category\" is required.").expectNoEvents();
    }

    @Test
    void an_auditor_cannot_raise_issues() {
        fixture.givenNoPriorActivity()
                .when(raise(IssueCategory.SECURITY, UPLB), Actors.auditor())
                .expectException(DomainException.class).expectExceptionMessage("Auditors may read the record, not change it.").expectNoEvents();
    }

    @Test
    void recategorising_records_the_new_and_the_previous_category_with_the_reason() {
        fixture.given(raised())
                .when(new RecategoriseIssueCommand(ID, IssueCategory.AGENCY_EMPLOYMENT, "jde o agenturní ubytování", null), Actors.secretary())
                .expectEvents(new IssueRecategorisedEvent(ID, LBK, IssueCategory.AGENCY_EMPLOYMENT, IssueCategory.DORMITORY_TENSIONS,
                        "jde o agenturní ubytování"));
    }

    @Test
    void recategorising_to_the_same_category_records_nothing() {
        fixture.given(raised())
                .when(new RecategoriseIssueCommand(ID, IssueCategory.DORMITORY_TENSIONS, "x", null), Actors.secretary())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void another_institution_cannot_recategorise_an_issue() {
        fixture.given(raised())
                .when(new RecategoriseIssueCommand(ID, IssueCategory.SECURITY, "x", null), Actors.member("KRPL"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void an_issue_is_linked_to_an_agenda_item_once() {
        fixture.given(raised())
                .when(new LinkIssueCommand(ID, MEETING, ITEM, null), Actors.secretary())
                .expectEvents(new IssueLinkedToAgendaItemEvent(ID, LBK, MEETING, ITEM));
        fixture.given(raised(), new IssueLinkedToAgendaItemEvent(ID, LBK, MEETING, ITEM))
                .when(new LinkIssueCommand(ID, MEETING, ITEM, null), Actors.secretary())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void a_link_without_an_agenda_item_is_refused_as_invalid() {
        fixture.given(raised())
                .when(new LinkIssueCommand(ID, MEETING, null, null), Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void an_issue_is_resolved_with_a_reason_effective_on_the_resolution_day() {
        fixture.given(raised())
                .when(new ResolveIssueCommand(ID, "ubytovna uzavřena", LocalDate.parse("2026-04-01"), null), Actors.member("UPLB"))
                .expectEvents(new IssueResolvedEvent(ID, LBK, "ubytovna uzavřena", LocalDate.parse("2026-04-01")));
    }

    @Test
    void resolving_without_a_reason_is_refused_as_invalid() {
        fixture.given(raised())
                .when(new ResolveIssueCommand(ID, " ", LocalDate.parse("2026-04-01"), null), Actors.member("UPLB"))
                .expectException(DomainException.class).expectExceptionMessage("Field \"reason\" is required.").expectNoEvents();
    }

    @Test
    void a_resolved_issue_cannot_be_resolved_again() {
        fixture.given(raised(), new IssueResolvedEvent(ID, LBK, "hotovo", LocalDate.parse("2026-04-01")))
                .when(new ResolveIssueCommand(ID, "znovu", LocalDate.parse("2026-04-02"), null), Actors.member("UPLB"))
                .expectException(DomainException.class).expectExceptionMessage("Issue " + ID + " is already resolved.").expectNoEvents();
    }

    @Test
    void a_resolved_issue_is_reopened_with_a_reason() {
        fixture.given(raised(), new IssueResolvedEvent(ID, LBK, "hotovo", LocalDate.parse("2026-04-01")))
                .when(new ReopenIssueCommand(ID, "problém se vrátil", null), Actors.secretary())
                .expectEvents(new IssueReopenedEvent(ID, LBK, "problém se vrátil"));
    }

    @Test
    void an_open_issue_cannot_be_reopened() {
        fixture.given(raised())
                .when(new ReopenIssueCommand(ID, "x", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Issue " + ID + " is not resolved.").expectNoEvents();
    }

    @Test
    void a_reopened_issue_can_be_resolved_again() {
        fixture.given(raised(), new IssueResolvedEvent(ID, LBK, "hotovo", LocalDate.parse("2026-04-01")), new IssueReopenedEvent(ID, LBK, "vrátil se"))
                .when(new ResolveIssueCommand(ID, "definitivně", LocalDate.parse("2026-05-01"), null), Actors.member("UPLB"))
                .expectEvents(new IssueResolvedEvent(ID, LBK, "definitivně", LocalDate.parse("2026-05-01")));
    }
}
