package cz.souhra.query.body;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.Scenario;
import cz.souhra.shared.events.body.MemberRemovedEvent;
import cz.souhra.shared.events.body.SecretaryAppointedEvent;
import cz.souhra.shared.events.body.SecretaryRemovedEvent;
import cz.souhra.shared.events.institution.InstitutionRenamedEvent;
import cz.souhra.shared.events.institution.InstitutionRetiredEvent;
import cz.souhra.shared.ids.InstitutionId;
import cz.souhra.shared.queries.BodyView;
import cz.souhra.shared.queries.DirectoryQueries;
import cz.souhra.shared.queries.InstitutionView;

class DirectoryProjectionTest {

    private final QueryFixture f = Scenario.loaded();
    private long t = 100_000;

    @AfterEach
    void close() {
        f.close();
    }

    private void deliver(String type, String id, long seq, Object payload) {
        f.appendAndDeliver(QueryFixture.event(type, id, seq, payload, Scenario.T0.plusSeconds(t++), "admin", null, null));
    }

    private BodyView body() {
        return f.directoryQueries.body(new DirectoryQueries.FindBody(Scenario.BODY.value(), null));
    }

    @Test
    void members_and_secretaries_follow_admissions_removals_and_appointments() {
        assertThat(body().members()).containsExactly("KULK", "UPLB");
        deliver("Body", Scenario.BODY.value(), 3, new SecretaryAppointedEvent(Scenario.BODY, Scenario.R, "tajemnice"));
        deliver("Body", Scenario.BODY.value(), 4, new MemberRemovedEvent(Scenario.BODY, Scenario.R, InstitutionId.of("KULK"), "odchod"));
        assertThat(body().members()).containsExactly("UPLB");
        assertThat(body().secretaries()).containsExactly("tajemnice");
        assertThat(f.directoryQueries.body(new DirectoryQueries.FindBody(Scenario.BODY.value(), Scenario.T0.plusSeconds(4))).members()).containsExactly("KULK");
    }

    @Test
    void a_removed_secretary_leaves_the_body_and_a_redelivered_removal_changes_nothing() {
        deliver("Body", Scenario.BODY.value(), 3, new SecretaryAppointedEvent(Scenario.BODY, Scenario.R, "tajemnice"));
        deliver("Body", Scenario.BODY.value(), 4, new SecretaryAppointedEvent(Scenario.BODY, Scenario.R, "skupina"));
        deliver("Body", Scenario.BODY.value(), 5, new SecretaryRemovedEvent(Scenario.BODY, Scenario.R, "tajemnice"));
        assertThat(body().secretaries()).containsExactly("skupina");
        deliver("Body", Scenario.BODY.value(), 6, new SecretaryAppointedEvent(Scenario.BODY, Scenario.R, "tajemnice"));
        deliver("Body", Scenario.BODY.value(), 5, new SecretaryRemovedEvent(Scenario.BODY, Scenario.R, "tajemnice"));
        assertThat(body().secretaries()).containsExactly("skupina", "tajemnice");
    }

    @Test
    void institutions_are_renamed_and_retired_and_redelivery_does_not_undo_it() {
        deliver("Institution", "UPLB", 1, new InstitutionRenamedEvent(InstitutionId.of("UPLB"), Scenario.R, "ÚP ČR – KoP Liberec", "Úřad práce"));
        deliver("Institution", "UPLB", 2, new InstitutionRetiredEvent(InstitutionId.of("UPLB"), Scenario.R, "sloučení"));
        Scenario.events().forEach(f::deliver);
        InstitutionView v = f.directoryQueries.institutions(new DirectoryQueries.ListInstitutions(null, null, "uplb", null, 0, 10, null)).items().get(0);
        assertThat(v.name()).isEqualTo("ÚP ČR – KoP Liberec");
        assertThat(v.retired()).isTrue();
        assertThat(v.version()).isEqualTo(2);
    }
}
