package cz.souhra.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.UUID;

import org.axonframework.spring.stereotype.Aggregate;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Aggregates decide from their events and their command alone: replaying the same events must give the
 * same state on any day. So neither they nor the helpers they share ({@code command.common}) may reach a
 * clock or a random source; dates and ids come in the command, filled in at the edge.
 */
@AnalyzeClasses(packages = "cz.souhra.command", importOptions = ImportOption.DoNotIncludeTests.class)
class DeterminismRulesTest {

    @ArchTest
    static final ArchRule aggregates_and_their_helpers_read_no_clock_and_no_random_source = noClasses()
            .that().areAnnotatedWith(Aggregate.class).or().resideInAPackage("cz.souhra.command.common..")
            .should().dependOnClassesThat().belongToAnyOf(Clock.class, Random.class, SecureRandom.class)
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDate.class, "now", ZoneId.class)
            .orShould().callMethod(LocalDate.class, "now", Clock.class)
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(UUID.class, "randomUUID")
            .orShould().callMethod(Math.class, "random");
}
