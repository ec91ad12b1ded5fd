package cz.souhra.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "cz.souhra", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule query_side_never_touches_command_side = noClasses().that().resideInAPackage("cz.souhra.query..")
            .should().dependOnClassesThat().resideInAPackage("cz.souhra.command..");

    @ArchTest
    static final ArchRule shared_events_depend_on_no_module_of_ours = noClasses().that().resideInAPackage("cz.souhra.shared..")
            .should().dependOnClassesThat().resideInAnyPackage("cz.souhra.query..", "cz.souhra.command..", "cz.souhra.infra..");

    @ArchTest
    static final ArchRule query_side_never_touches_infra = noClasses().that().resideInAPackage("cz.souhra.query..")
            .should().dependOnClassesThat().resideInAPackage("cz.souhra.infra..");

    @ArchTest
    static final ArchRule shared_queries_stay_plain = noClasses().that().resideInAPackage("cz.souhra.shared.queries..")
            .should().dependOnClassesThat().resideInAnyPackage("cz.souhra.query..", "org.springframework..", "org.bson..", "com.mongodb..");
}
