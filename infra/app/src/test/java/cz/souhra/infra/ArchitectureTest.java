package cz.souhra.infra;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.spring.stereotype.Aggregate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import cz.souhra.command.common.DomainException;

/**
 * The module rules over the whole program: here every module's classes are on the class path, so a rule
 * about a dependency between two modules can fail (in a module's own tests the other module is absent).
 */
@AnalyzeClasses(packages = "cz.souhra", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Classes compiled into the storage engine's module (its jar or its target/classes). */
    static final DescribedPredicate<JavaClass> IN_EMBEDDED_STORE = new DescribedPredicate<>("in the embedded-store module") {
        @Override
        public boolean test(JavaClass c) {
            return c.getSource().map(s -> s.getUri().toString()).filter(u -> u.contains("embedded-store")).isPresent();
        }
    };

    @ArchTest
    static final ArchRule query_side_never_touches_command_side = noClasses().that().resideInAPackage("cz.souhra.query..")
            .should().dependOnClassesThat().resideInAPackage("cz.souhra.command..");

    @ArchTest
    static final ArchRule command_side_never_touches_query_side = noClasses().that().resideInAPackage("cz.souhra.command..")
            .should().dependOnClassesThat().resideInAPackage("cz.souhra.query..");

    @ArchTest
    static final ArchRule neither_side_touches_infra = noClasses().that().resideInAnyPackage("cz.souhra.command..", "cz.souhra.query..", "cz.souhra.shared..")
            .should().dependOnClassesThat().resideInAPackage("cz.souhra.infra..");

    @ArchTest
    static final ArchRule shared_events_are_plain = noClasses().that().resideInAPackage("cz.souhra.shared..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..",
                    "cz.souhra.command..", "cz.souhra.query..");

    @ArchTest
    static final ArchRule the_embedded_store_knows_nothing_of_spring_axon_or_souhra = noClasses().that(IN_EMBEDDED_STORE)
            .should().dependOnClassesThat(resideInAnyPackage("org.springframework..", "org.axonframework..", "cz.souhra..")
                    .and(not(resideInAPackage("cz.souhra.infra.store"))))
            .orShould().dependOnClassesThat(resideInAPackage("cz.souhra.infra.store").and(not(IN_EMBEDDED_STORE)));

    @ArchTest
    static final ArchRule the_web_ui_sends_commands_and_asks_queries_only = noClasses().that().resideInAPackage("cz.souhra.infra.ui..")
            .should().dependOnClassesThat(resideInAPackage("cz.souhra.command..").and(not(belongToAnyOf(DomainException.class))))
            .orShould().dependOnClassesThat().areAnnotatedWith(Aggregate.class)
            .orShould().dependOnClassesThat().areAnnotatedWith(ProcessingGroup.class);

    @ArchTest
    static final ArchRule the_edge_never_holds_an_aggregate = noClasses().that().resideInAnyPackage("cz.souhra.infra.web..", "cz.souhra.infra.security..",
                    "cz.souhra.infra.documents..", "cz.souhra.infra.reminders..")
            .should().dependOnClassesThat().areAnnotatedWith(Aggregate.class);
}
