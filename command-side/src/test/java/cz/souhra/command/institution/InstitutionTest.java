package cz.souhra.command.institution;

import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cz.souhra.command.Actors;
import cz.souhra.command.common.DomainException;
import cz.souhra.shared.commands.institution.RegisterInstitutionCommand;
import cz.souhra.shared.commands.institution.RenameInstitutionCommand;
import cz.souhra.shared.commands.institution.RetireInstitutionCommand;
import cz.souhra.shared.events.institution.InstitutionRegisteredEvent;
import cz.souhra.shared.events.institution.InstitutionRenamedEvent;
import cz.souhra.shared.events.institution.InstitutionRetiredEvent;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.InstitutionKind;

class InstitutionTest {

    static final InstitutionId UPLB = InstitutionId.of("UPLB");
    static final RegionCode LBK = RegionCode.of("LBK");

    AggregateTestFixture<Institution> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Institution.class);
    }

    static InstitutionRegisteredEvent registered() {
        return new InstitutionRegisteredEvent(UPLB, LBK, InstitutionKind.LABOUR_OFFICE, "Úřad práce Liberec");
    }

    @Test
    void admin_registers_an_institution_with_its_region_and_kind() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInstitutionCommand(UPLB, LBK, InstitutionKind.LABOUR_OFFICE, "  Úřad práce Liberec "), Actors.admin())
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void a_secretary_cannot_register_an_institution() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInstitutionCommand(UPLB, LBK, InstitutionKind.LABOUR_OFFICE, "Úřad práce"), Actors.secretary())
                .expectException(DomainException.class).expectExceptionMessage("Only an administrator may make this change.").expectNoEvents();
    }

    @Test
    void an_institution_without_a_name_is_refused_as_invalid() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInstitutionCommand(UPLB, LBK, InstitutionKind.LABOUR_OFFICE, " "), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage("Field \"name\" is required.").expectNoEvents();
    }

    @Test
    void renaming_records_the_new_and_the_previous_name() {
        fixture.given(registered())
                .when(new RenameInstitutionCommand(UPLB, "Krajská pobočka ÚP Liberec", null), Actors.admin())
                .expectEvents(new InstitutionRenamedEvent(UPLB, LBK, "Krajská pobočka ÚP Liberec", "Úřad práce Liberec"));
    }

    @Test
    void renaming_to_the_same_name_records_nothing() {
        fixture.given(registered())
                .when(new RenameInstitutionCommand(UPLB, "Úřad práce Liberec", null), Actors.admin())
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void a_member_cannot_rename_even_their_own_institution() {
        fixture.given(registered())
                .when(new RenameInstitutionCommand(UPLB, "Jiný název", null), Actors.member("UPLB"))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void renaming_with_a_stale_version_is_a_conflict() {
        fixture.given(registered(), new InstitutionRenamedEvent(UPLB, LBK, "B", "Úřad práce Liberec"))
                .when(new RenameInstitutionCommand(UPLB, "C", 0L), Actors.admin())
                .expectException(ConflictingAggregateVersionException.class).expectNoEvents();
    }

    @Test
    void admin_retires_an_institution_with_a_reason() {
        fixture.given(registered())
                .when(new RetireInstitutionCommand(UPLB, "sloučení s krajskou pobočkou", null), Actors.admin())
                .expectEvents(new InstitutionRetiredEvent(UPLB, LBK, "sloučení s krajskou pobočkou"));
    }

    @Test
    void retiring_without_a_reason_is_refused_as_invalid() {
        fixture.given(registered())
                .when(new RetireInstitutionCommand(UPLB, "", null), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage("Field \"reason\" is required.").expectNoEvents();
    }

    @Test
    void a_retired_institution_can_be_neither_renamed_nor_retired_again() {
        fixture.given(registered(), new InstitutionRetiredEvent(UPLB, LBK, "zrušena"))
                .when(new RenameInstitutionCommand(UPLB, "Nový název", null), Actors.admin())
                .expectException(DomainException.class).expectExceptionMessage("Institution UPLB has been retired.").expectNoEvents();
        fixture.given(registered(), new InstitutionRetiredEvent(UPLB, LBK, "zrušena"))
                .when(new RetireInstitutionCommand(UPLB, "znovu", null), Actors.admin())
                .expectException(DomainException.class).expectNoEvents();
    }
}
