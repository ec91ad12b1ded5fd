package cz.souhra.query.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.Scenario;
import cz.souhra.shared.Actor;
import cz.souhra.shared.events.body.BodyEstablishedEvent;
import cz.souhra.shared.events.body.MemberAdmittedEvent;
import cz.souhra.shared.events.body.MemberRemovedEvent;
import cz.souhra.shared.events.institution.InstitutionRegisteredEvent;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.InstitutionKind;
import cz.souhra.shared.model.QuorumRule;

/** The regions a user acts in: their institution's and their bodies', known as the events commit. */
class RegionDirectoryTest {

    static final RegionCode LBK = RegionCode.of("LBK");
    static final RegionCode ULK = RegionCode.of("ULK");
    static final BodyId ULK_BODY = BodyId.of("0b0d0000-0000-4000-8000-0000000000ee");

    @Test
    void given_an_institution_of_liberec_admitted_to_a_body_of_usti_then_it_acts_in_both_until_removed() {
        try (QueryFixture f = new QueryFixture()) {
            RegionDirectory directory = new RegionDirectory(f.readModels);
            Access access = new Access(f.readModels, directory);
            directory.on(new InstitutionRegisteredEvent(InstitutionId.of("MPSV"), LBK, InstitutionKind.NGO, "Poradna"));
            directory.on(new BodyEstablishedEvent(ULK_BODY, ULK, BodyKind.PLATFORM, "Platforma ÚK", 1, QuorumRule.MORE_THAN_HALF));
            Actor member = new Actor("clen", "MPSV", Set.of(Actor.Role.MEMBER), Set.of());

            assertThat(access.withRegions(member).regions()).containsExactly("LBK");
            directory.on(new MemberAdmittedEvent(ULK_BODY, ULK, InstitutionId.of("MPSV")));
            assertThat(access.withRegions(member).regions()).containsExactlyInAnyOrder("LBK", "ULK");
            assertThat(access.withRegions(member).actsIn("ULK")).isTrue();
            directory.on(new MemberRemovedEvent(ULK_BODY, ULK, InstitutionId.of("MPSV"), "odchod"));
            assertThat(access.withRegions(member).regions()).containsExactly("LBK");
        }
    }

    @Test
    void given_a_secretary_of_a_body_then_they_act_in_its_region_and_an_administrator_in_every_region() {
        try (QueryFixture f = new QueryFixture()) {
            RegionDirectory directory = new RegionDirectory(f.readModels);
            directory.on(new BodyEstablishedEvent(ULK_BODY, ULK, BodyKind.WORKING_GROUP, "Skupina", 4, QuorumRule.MORE_THAN_HALF));
            Actor secretary = new Actor("tajemnik", null, Set.of(Actor.Role.SECRETARY), Set.of(ULK_BODY.value()));
            assertThat(new Access(f.readModels, directory).withRegions(secretary).regions()).containsExactly("ULK");
            assertThat(new Actor("admin", null, Set.of(Actor.Role.ADMIN), Set.of()).actsIn("ULK")).isTrue();
            assertThat(new Actor("nikdo", "X", Set.of(Actor.Role.MEMBER), Set.of()).actsIn("ULK")).isFalse();
        }
    }

    @Test
    void given_a_store_recorded_before_the_region_directory_ran_then_the_regions_come_from_the_directory_read_model() {
        QueryFixture f = Scenario.loaded();
        try (f) {
            Access access = new Access(f.readModels, new RegionDirectory(f.readModels));
            assertThat(access.withRegions(new Actor("uprace", "UPLB", Set.of(Actor.Role.MEMBER), Set.of())).regions()).containsExactly("LBK");
            assertThat(access.withRegions(new Actor("nikdo", "NEEXISTUJE", Set.of(Actor.Role.MEMBER), Set.of())).regions()).isEmpty();
        }
    }
}
