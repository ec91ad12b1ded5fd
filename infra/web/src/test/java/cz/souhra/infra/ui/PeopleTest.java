package cz.souhra.infra.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PeopleTest {

    final People people = new People(Map.of("uprace", "Petr Dvořák", "bez-jmena", " "), "systém");

    @Test
    void a_user_is_shown_by_display_name_and_the_schedulers_actor_as_the_system() {
        assertThat(people.of("uprace")).isEqualTo("Petr Dvořák");
        assertThat(people.of("system:overdue-schedule")).isEqualTo("systém");
        assertThat(people.of("system")).isEqualTo("systém");
    }

    @Test
    void an_account_without_a_display_name_keeps_its_user_name() {
        assertThat(people.of("bez-jmena")).isEqualTo("bez-jmena");
        assertThat(people.of("neznamy")).isEqualTo("neznamy");
        assertThat(people.of(null)).isEmpty();
    }
}
