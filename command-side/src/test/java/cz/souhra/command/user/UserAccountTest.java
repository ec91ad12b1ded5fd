package cz.souhra.command.user;

import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cz.souhra.command.Actors;
import cz.souhra.command.common.DomainException;
import cz.souhra.shared.Actor;
import cz.souhra.shared.commands.user.ChangePasswordCommand;
import cz.souhra.shared.commands.user.DisableUserCommand;
import cz.souhra.shared.commands.user.EnableUserCommand;
import cz.souhra.shared.commands.user.ResetPasswordCommand;
import cz.souhra.shared.commands.user.GrantRoleCommand;
import cz.souhra.shared.commands.user.RegisterUserCommand;
import cz.souhra.shared.commands.user.RevokeRoleCommand;
import cz.souhra.shared.events.user.PasswordChangedEvent;
import cz.souhra.shared.events.user.PasswordResetEvent;
import cz.souhra.shared.events.user.UserEnabledEvent;
import cz.souhra.shared.events.user.RoleGrantedEvent;
import cz.souhra.shared.events.user.RoleRevokedEvent;
import cz.souhra.shared.events.user.UserDisabledEvent;
import cz.souhra.shared.events.user.UserRegisteredEvent;

class UserAccountTest {

    private AggregateTestFixture<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
    }

    private static UserRegisteredEvent registered() {
        return new UserRegisteredEvent("jana", "KULK", List.of("MEMBER"), "Jana Nováková");
    }

    @Test
    void admin_registers_a_member_of_an_institution() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand("jana", "KULK", List.of("MEMBER"), "Jana Nováková"), Actors.admin())
                .expectEvents(registered());
    }

    @Test
    void the_system_registers_the_first_admin() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand("admin", null, List.of("ADMIN"), "Administrator"),
                        new Actor(UserAccount.SYSTEM, null, Set.of(), Set.of()).toMetaData())
                .expectEvents(new UserRegisteredEvent("admin", null, List.of("ADMIN"), "Administrator"));
    }

    @Test
    void admin_registers_a_member_with_the_e_mail_address_reminders_go_to() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand("jana", "KULK", List.of("MEMBER"), "Jana Nováková", " jana@kraj-lbc.example "), Actors.admin())
                .expectEvents(new UserRegisteredEvent("jana", "KULK", List.of("MEMBER"), "Jana Nováková", "jana@kraj-lbc.example"));
    }

    @Test
    void an_address_that_is_not_an_e_mail_is_refused_and_nothing_is_recorded() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand("jana", "KULK", List.of("MEMBER"), "Jana Nováková", "jana at kraj"), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage("jana at kraj is not an e-mail address.").expectNoEvents();
    }

    @Test
    void a_secretary_cannot_register_users() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand("jana", "KULK", List.of("MEMBER"), null), Actors.secretary())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void reserved_names_cannot_be_registered_so_nobody_passes_as_the_system() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand("System", null, List.of("MEMBER"), null), Actors.admin())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void a_member_needs_an_institution() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand("jana", null, List.of("MEMBER"), null), Actors.admin())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void granting_a_held_right_again_records_nothing() {
        fixture.given(registered())
                .when(new GrantRoleCommand("jana", "MEMBER", null), Actors.admin())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void admin_grants_secretary_of_one_body() {
        fixture.given(registered())
                .when(new GrantRoleCommand("jana", "SECRETARY", "body-1"), Actors.admin())
                .expectEvents(new RoleGrantedEvent("jana", "SECRETARY", "body-1"));
    }

    @Test
    void only_secretary_rights_are_limited_to_a_body() {
        fixture.given(registered())
                .when(new GrantRoleCommand("jana", "AUDITOR", "body-1"), Actors.admin())
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void a_member_cannot_grant_themselves_admin() {
        fixture.given(registered())
                .when(new GrantRoleCommand("jana", "ADMIN", null), Actors.member("KULK"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void a_body_secretaryship_granted_by_the_body_itself_can_still_be_revoked_here() {
        fixture.given(registered())
                .when(new RevokeRoleCommand("jana", "SECRETARY", "body-9"), Actors.admin())
                .expectEvents(new RoleRevokedEvent("jana", "SECRETARY", "body-9"));
    }

    @Test
    void revoking_secretary_without_a_body_revokes_every_body_secretaryship_granted_here_or_appointed_by_a_body() {
        fixture.given(registered(), new RoleGrantedEvent("jana", "SECRETARY", null), new RoleGrantedEvent("jana", "SECRETARY", "body-1"))
                .when(new RevokeRoleCommand("jana", "SECRETARY", null, List.of("body-7")), Actors.admin())
                .expectEvents(new RoleRevokedEvent("jana", "SECRETARY", "body-1"), new RoleRevokedEvent("jana", "SECRETARY", "body-7"),
                        new RoleRevokedEvent("jana", "SECRETARY", null));
    }

    @Test
    void revoking_secretary_from_a_user_only_appointed_by_bodies_revokes_those_appointments() {
        fixture.given(registered())
                .when(new RevokeRoleCommand("jana", "SECRETARY", null, List.of("body-7")), Actors.admin())
                .expectEvents(new RoleRevokedEvent("jana", "SECRETARY", "body-7"));
    }

    @Test
    void revoking_a_role_never_held_records_nothing() {
        fixture.given(registered())
                .when(new RevokeRoleCommand("jana", "AUDITOR", null), Actors.admin())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void a_user_changes_their_own_password_but_not_someone_elses() {
        fixture.given(registered())
                .when(new ChangePasswordCommand("jana"), new Actor("jana", "KULK", Set.of(Actor.Role.MEMBER), Set.of()).toMetaData())
                .expectEvents(new PasswordChangedEvent("jana"));
        fixture.given(registered())
                .when(new ChangePasswordCommand("jana"), Actors.member("KULK"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void disabling_twice_records_one_event() {
        fixture.given(registered(), new UserDisabledEvent("jana", "odešla"))
                .when(new DisableUserCommand("jana", "znovu"), Actors.admin())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void admin_enables_a_disabled_account_again() {
        fixture.given(registered(), new UserDisabledEvent("jana", "odchod"))
                .when(new EnableUserCommand("jana", "návrat z mateřské"), Actors.admin())
                .expectEvents(new UserEnabledEvent("jana", "návrat z mateřské"));
    }

    @Test
    void enabling_an_account_that_is_not_disabled_is_a_conflict_and_records_nothing() {
        fixture.given(registered())
                .when(new EnableUserCommand("jana", null), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage("User jana is not disabled.").expectNoEvents();
    }

    @Test
    void only_an_admin_enables_an_account() {
        fixture.given(registered(), new UserDisabledEvent("jana", "odchod"))
                .when(new EnableUserCommand("jana", null), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Only an administrator may make this change.").expectNoEvents();
    }

    @Test
    void an_enabled_account_can_be_disabled_again() {
        fixture.given(registered(), new UserDisabledEvent("jana", "odchod"), new UserEnabledEvent("jana", null))
                .when(new DisableUserCommand("jana", "znovu odchod"), Actors.admin())
                .expectEvents(new UserDisabledEvent("jana", "znovu odchod"));
    }

    @Test
    void admin_resets_a_password_and_only_the_fact_is_recorded() {
        fixture.given(registered())
                .when(new ResetPasswordCommand("jana"), Actors.admin())
                .expectEvents(new PasswordResetEvent("jana"));
    }

    @Test
    void a_user_cannot_reset_their_own_password_without_being_admin() {
        fixture.given(registered())
                .when(new ResetPasswordCommand("jana"), Actors.member("KULK"))
                .expectException(DomainException.class).expectNoEvents();
    }
}
