package cz.souhra.command.body;

import static cz.souhra.command.Actors.BODY;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cz.souhra.command.Actors;
import cz.souhra.command.OtherAggregates;
import cz.souhra.command.common.DomainException;
import cz.souhra.command.institution.Institution;
import cz.souhra.shared.commands.body.AdmitMemberCommand;
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
import cz.souhra.shared.events.institution.InstitutionRegisteredEvent;
import cz.souhra.shared.events.institution.InstitutionRetiredEvent;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.InstitutionKind;
import cz.souhra.shared.model.QuorumRule;

class BodyTest {

    static final BodyId ID = BodyId.of(BODY);
    static final RegionCode LBK = RegionCode.of("LBK");
    static final InstitutionId KULK = InstitutionId.of("KULK");
    static final InstitutionId UPLB = InstitutionId.of("UPLB");
    static final InstitutionId OLD = InstitutionId.of("OLDX");

    static final BodyId PLATFORM = BodyId.of("0b0d1e5a-0000-4000-8000-0000000000a1");
    static final BodyId OLD_PLATFORM = BodyId.of("0b0d1e5a-0000-4000-8000-0000000000a2");
    static final BodyId OTHER_GROUP = BodyId.of("0b0d1e5a-0000-4000-8000-0000000000a3");

    AggregateTestFixture<Body> fixture;

    /** The secretary of the bodies named, acting in {@code region}. */
    static java.util.Map<String, Object> secretaryOf(String region, BodyId... bodies) {
        return new cz.souhra.shared.Actor("platforma", "CPICLB", java.util.Set.of(cz.souhra.shared.Actor.Role.SECRETARY),
                java.util.Arrays.stream(bodies).map(BodyId::value).collect(java.util.stream.Collectors.toSet()), java.util.Set.of(region)).toMetaData();
    }

    static BodyEstablishedEvent group() {
        return new BodyEstablishedEvent(ID, LBK, BodyKind.WORKING_GROUP, "PS Ubytovny", 4, QuorumRule.MORE_THAN_HALF);
    }

    @BeforeEach
    void setUp() {
        OtherAggregates<Institution> institutions = new OtherAggregates<>(Institution.class)
                .given("KULK", new InstitutionRegisteredEvent(KULK, LBK, InstitutionKind.REGION_OFFICE, "Krajský úřad"))
                .given("UPLB", new InstitutionRegisteredEvent(UPLB, LBK, InstitutionKind.LABOUR_OFFICE, "Úřad práce"))
                .given("OLDX", new InstitutionRegisteredEvent(OLD, LBK, InstitutionKind.NGO, "Zaniklý spolek"),
                        new InstitutionRetiredEvent(OLD, LBK, "zánik spolku"));
        OtherAggregates<Body> platforms = new OtherAggregates<>(Body.class)
                .given(PLATFORM.value(), new BodyEstablishedEvent(PLATFORM, LBK, BodyKind.PLATFORM, "Regionální platforma Liberec", 3, QuorumRule.MORE_THAN_HALF))
                .given(OLD_PLATFORM.value(), new BodyEstablishedEvent(OLD_PLATFORM, LBK, BodyKind.PLATFORM, "Zrušená platforma", 3, QuorumRule.MORE_THAN_HALF),
                        new BodyDissolvedEvent(OLD_PLATFORM, LBK, "sloučena"))
                .given(OTHER_GROUP.value(), new BodyEstablishedEvent(OTHER_GROUP, LBK, BodyKind.WORKING_GROUP, "PS Školy", 4, QuorumRule.MORE_THAN_HALF));
        fixture = new AggregateTestFixture<>(Body.class);
        fixture.registerAnnotatedCommandHandler(new Membership(fixture.getRepository(), institutions.repository()));
        fixture.registerAnnotatedCommandHandler(new BodyFounding(fixture.getRepository(), platforms.repository()));
    }

    static BodyEstablishedEvent platform() {
        return new BodyEstablishedEvent(ID, LBK, BodyKind.PLATFORM, "Regionální platforma Liberec", 2, QuorumRule.MORE_THAN_HALF);
    }

    @Test
    void admin_establishes_a_platform_with_its_cadence_and_the_default_quorum() {
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.PLATFORM, "Regionální platforma Liberec", 2, null), Actors.admin())
                .expectEvents(platform());
    }

    @Test
    void admin_establishes_a_working_group_with_a_quarterly_cadence_and_its_own_quorum() {
        QuorumRule twoThirds = new QuorumRule(66, true);
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.WORKING_GROUP, "PS Bezpečnost", 4, twoThirds), Actors.admin())
                .expectEvents(new BodyEstablishedEvent(ID, LBK, BodyKind.WORKING_GROUP, "PS Bezpečnost", 4, twoThirds));
    }

    @Test
    void a_body_without_a_kind_is_refused_as_invalid() {
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, null, "Něco", null, null), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage("Field \"kind\" is required.").expectNoEvents();
    }

    @Test
    void only_an_admin_establishes_a_body() {
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.PLATFORM, "Platforma", null, null), Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void the_secretary_admits_a_registered_institution() {
        fixture.given(platform())
                .when(new AdmitMemberCommand(ID, UPLB, null), Actors.secretary())
                .expectEvents(new MemberAdmittedEvent(ID, LBK, UPLB));
    }

    @Test
    void admitting_a_member_twice_is_a_conflict() {
        fixture.given(platform(), new MemberAdmittedEvent(ID, LBK, UPLB))
                .when(new AdmitMemberCommand(ID, UPLB, null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Institution UPLB is already a member.").expectNoEvents();
    }

    @Test
    void a_retired_institution_cannot_be_admitted() {
        fixture.given(platform())
                .when(new AdmitMemberCommand(ID, OLD, null), Actors.secretary())
                .expectException(DomainException.class)
                .expectExceptionMessage("Institution OLDX has been retired and cannot be admitted.").expectNoEvents();
    }

    @Test
    void an_institution_never_registered_is_not_found() {
        fixture.given(platform())
                .when(new AdmitMemberCommand(ID, InstitutionId.of("NOPE"), null), Actors.secretary())
                .expectException(AggregateNotFoundException.class).expectNoEvents();
    }

    @Test
    void the_secretary_of_another_body_cannot_admit_members() {
        fixture.given(platform())
                .when(new AdmitMemberCommand(ID, UPLB, null), Actors.otherSecretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void a_member_is_removed_with_a_reason() {
        fixture.given(platform(), new MemberAdmittedEvent(ID, LBK, UPLB))
                .when(new RemoveMemberCommand(ID, UPLB, "vystoupení z platformy", null), Actors.secretary())
                .expectEvents(new MemberRemovedEvent(ID, LBK, UPLB, "vystoupení z platformy"));
    }

    @Test
    void removing_an_institution_that_is_not_a_member_breaks_a_rule() {
        fixture.given(platform())
                .when(new RemoveMemberCommand(ID, KULK, "omyl", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Institution KULK is not a member of the body.").expectNoEvents();
    }

    @Test
    void a_removed_member_can_be_admitted_again() {
        fixture.given(platform(), new MemberAdmittedEvent(ID, LBK, UPLB), new MemberRemovedEvent(ID, LBK, UPLB, "pauza"))
                .when(new AdmitMemberCommand(ID, UPLB, null), Actors.secretary())
                .expectEvents(new MemberAdmittedEvent(ID, LBK, UPLB));
    }

    @Test
    void admin_appoints_a_secretary() {
        fixture.given(platform())
                .when(new AppointSecretaryCommand(ID, "tajemnice", null), Actors.admin())
                .expectEvents(new SecretaryAppointedEvent(ID, LBK, "tajemnice"));
    }

    @Test
    void a_secretary_appointed_before_is_appointed_again_since_the_account_may_have_lost_the_right_meanwhile() {
        fixture.given(platform(), new SecretaryAppointedEvent(ID, LBK, "tajemnice"))
                .when(new AppointSecretaryCommand(ID, "tajemnice", null), Actors.admin())
                .expectEvents(new SecretaryAppointedEvent(ID, LBK, "tajemnice"));
    }

    @Test
    void a_secretary_cannot_appoint_secretaries() {
        fixture.given(platform())
                .when(new AppointSecretaryCommand(ID, "dalsi", null), Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void admin_dissolves_a_body_with_a_reason() {
        fixture.given(platform())
                .when(new DissolveBodyCommand(ID, "sloučení s PS Trh práce", null), Actors.admin())
                .expectEvents(new BodyDissolvedEvent(ID, LBK, "sloučení s PS Trh práce"));
    }

    @Test
    void nothing_can_be_done_on_a_dissolved_body() {
        Object[] history = {platform(), new MemberAdmittedEvent(ID, LBK, KULK), new BodyDissolvedEvent(ID, LBK, "zrušena")};
        String dissolved = "Body " + ID + " has been dissolved.";
        fixture.given(history).when(new AdmitMemberCommand(ID, UPLB, null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage(dissolved).expectNoEvents();
        fixture.given(history).when(new RemoveMemberCommand(ID, KULK, "x", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage(dissolved).expectNoEvents();
        fixture.given(history).when(new AppointSecretaryCommand(ID, "nova", null), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage(dissolved).expectNoEvents();
        fixture.given(history).when(new DissolveBodyCommand(ID, "znovu", null), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage(dissolved).expectNoEvents();
    }

    @Test
    void the_platform_secretary_establishes_a_working_group_of_their_region_and_becomes_its_secretary() {
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.WORKING_GROUP, "PS Ubytovny", 4, null), secretaryOf("LBK", PLATFORM))
                .expectEvents(group(), new SecretaryAppointedEvent(ID, LBK, "platforma"));
    }

    @Test
    void the_platform_secretary_cannot_establish_a_platform() {
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.PLATFORM, "Druhá platforma", 4, null), secretaryOf("LBK", PLATFORM))
                .expectException(DomainException.class).expectExceptionMessage("Only an administrator may make this change.").expectNoEvents();
    }

    @Test
    void the_platform_secretary_cannot_establish_a_working_group_of_another_region() {
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, RegionCode.of("ULK"), BodyKind.WORKING_GROUP, "PS Ústí", 4, null), secretaryOf("LBK", PLATFORM))
                .expectException(DomainException.class).expectNoEvents();
        // acting in both regions does not help: the platform is Liberec's
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, RegionCode.of("ULK"), BodyKind.WORKING_GROUP, "PS Ústí", 4, null),
                        new cz.souhra.shared.Actor("platforma", "CPICLB", java.util.Set.of(cz.souhra.shared.Actor.Role.SECRETARY),
                                java.util.Set.of(PLATFORM.value()), java.util.Set.of("LBK", "ULK")).toMetaData())
                .expectException(DomainException.class)
                .expectExceptionMessage("Working groups of region ULK are established and dissolved, and their secretaries appointed and removed, by an administrator or "
                        + "the secretary of that region's platform.")
                .expectNoEvents();
    }

    @Test
    void the_secretary_of_a_working_group_or_of_a_dissolved_platform_cannot_establish_a_working_group() {
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.WORKING_GROUP, "PS Nová", 4, null), secretaryOf("LBK", OTHER_GROUP))
                .expectException(DomainException.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.WORKING_GROUP, "PS Nová", 4, null), secretaryOf("LBK", OLD_PLATFORM))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void a_member_or_an_auditor_cannot_establish_a_working_group() {
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.WORKING_GROUP, "PS Nová", 4, null), Actors.member("KULK"))
                .expectException(DomainException.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.WORKING_GROUP, "PS Nová", 4, null), Actors.auditor())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void the_platform_secretary_dissolves_a_working_group_of_their_region() {
        fixture.given(group())
                .when(new DissolveBodyCommand(ID, "úkoly splněny", null), secretaryOf("LBK", PLATFORM))
                .expectEvents(new BodyDissolvedEvent(ID, LBK, "úkoly splněny"));
    }

    @Test
    void the_platform_secretary_cannot_dissolve_a_platform_and_a_group_secretary_cannot_dissolve_their_group() {
        fixture.given(platform())
                .when(new DissolveBodyCommand(ID, "konec", null), secretaryOf("LBK", PLATFORM))
                .expectException(DomainException.class).expectExceptionMessage("Only an administrator may make this change.").expectNoEvents();
        fixture.given(group())
                .when(new DissolveBodyCommand(ID, "konec", null), secretaryOf("LBK", ID))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void the_platform_secretary_appoints_and_removes_the_secretary_of_a_working_group_of_their_region() {
        fixture.given(group())
                .when(new AppointSecretaryCommand(ID, "skupina", null), secretaryOf("LBK", PLATFORM))
                .expectEvents(new SecretaryAppointedEvent(ID, LBK, "skupina"));
        fixture.given(group(), new SecretaryAppointedEvent(ID, LBK, "skupina"))
                .when(new RemoveSecretaryCommand(ID, "skupina", null), secretaryOf("LBK", PLATFORM))
                .expectEvents(new SecretaryRemovedEvent(ID, LBK, "skupina"));
    }

    @Test
    void the_platform_secretary_cannot_appoint_or_remove_secretaries_of_a_working_group_of_another_region() {
        BodyEstablishedEvent ustiGroup = new BodyEstablishedEvent(ID, RegionCode.of("ULK"), BodyKind.WORKING_GROUP, "PS Ústí", 4, QuorumRule.MORE_THAN_HALF);
        fixture.given(ustiGroup)
                .when(new AppointSecretaryCommand(ID, "skupina", null), secretaryOf("LBK", PLATFORM))
                .expectException(DomainException.class).expectExceptionMessage("Region ULK is not yours: you act only in the regions of your institution and of its bodies.").expectNoEvents();
        // acting in both regions does not help: the platform is Liberec's
        var inBoth = new cz.souhra.shared.Actor("platforma", "CPICLB", java.util.Set.of(cz.souhra.shared.Actor.Role.SECRETARY),
                java.util.Set.of(PLATFORM.value()), java.util.Set.of("LBK", "ULK")).toMetaData();
        fixture.given(ustiGroup, new SecretaryAppointedEvent(ID, RegionCode.of("ULK"), "skupina"))
                .when(new RemoveSecretaryCommand(ID, "skupina", null), inBoth)
                .expectException(DomainException.class)
                .expectExceptionMessage("Working groups of region ULK are established and dissolved, and their secretaries appointed and removed, by an "
                        + "administrator or the secretary of that region's platform.")
                .expectNoEvents();
    }

    @Test
    void the_platform_secretary_cannot_appoint_or_remove_the_secretaries_of_a_platform() {
        fixture.given(platform())
                .when(new AppointSecretaryCommand(ID, "druha", null), secretaryOf("LBK", PLATFORM))
                .expectException(DomainException.class).expectExceptionMessage("Only an administrator may make this change.").expectNoEvents();
        fixture.given(platform(), new SecretaryAppointedEvent(ID, LBK, "platforma"))
                .when(new RemoveSecretaryCommand(ID, "platforma", null), secretaryOf("LBK", ID))
                .expectException(DomainException.class).expectExceptionMessage("Only an administrator may make this change.").expectNoEvents();
    }

    @Test
    void a_group_secretary_a_member_or_an_auditor_cannot_appoint_or_remove_secretaries() {
        Object[] history = {group(), new SecretaryAppointedEvent(ID, LBK, "skupina")};
        fixture.given(history).when(new AppointSecretaryCommand(ID, "dalsi", null), secretaryOf("LBK", ID))
                .expectException(DomainException.class).expectExceptionMessage(
                        "Working groups of region LBK are established and dissolved, and their secretaries appointed and removed, by an "
                                + "administrator or the secretary of that region's platform.").expectNoEvents();
        fixture.given(history).when(new RemoveSecretaryCommand(ID, "skupina", null), Actors.member("KULK"))
                .expectException(DomainException.class).expectExceptionMessage("Only an administrator may make this change.").expectNoEvents();
        fixture.given(history).when(new AppointSecretaryCommand(ID, "dalsi", null), Actors.auditor())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void only_a_secretary_the_body_appointed_and_has_not_removed_can_be_removed() {
        fixture.given(group())
                .when(new RemoveSecretaryCommand(ID, "nikdy", null), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage("User \"nikdy\" is not a secretary appointed by this body.").expectNoEvents();
        fixture.given(group(), new SecretaryAppointedEvent(ID, LBK, "skupina"), new SecretaryRemovedEvent(ID, LBK, "skupina"))
                .when(new RemoveSecretaryCommand(ID, "skupina", null), Actors.admin())
                .expectException(DomainException.class).expectNoEvents();
        // appointed again after the removal, removed again
        fixture.given(group(), new SecretaryAppointedEvent(ID, LBK, "skupina"), new SecretaryRemovedEvent(ID, LBK, "skupina"),
                        new SecretaryAppointedEvent(ID, LBK, "skupina"))
                .when(new RemoveSecretaryCommand(ID, "skupina", null), Actors.admin())
                .expectEvents(new SecretaryRemovedEvent(ID, LBK, "skupina"));
    }

    @Test
    void a_cadence_outside_one_to_fifty_two_meetings_a_year_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.WORKING_GROUP, "PS", 0, null), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage("Field \"meetingsPerYear\": meetings per year must be between 1 and 52, not 0.").expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.WORKING_GROUP, "PS", 53, null), Actors.admin())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void a_body_without_a_stated_cadence_is_established() {
        fixture.givenNoPriorActivity()
                .when(new EstablishBodyCommand(ID, LBK, BodyKind.WORKING_GROUP, "PS", null, null), Actors.admin())
                .expectEvents(new BodyEstablishedEvent(ID, LBK, BodyKind.WORKING_GROUP, "PS", null, QuorumRule.MORE_THAN_HALF));
    }
}
