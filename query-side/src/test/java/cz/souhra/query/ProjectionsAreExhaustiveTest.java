package cz.souhra.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import cz.souhra.query.common.FoldsEventsOf;

/**
 * Every projection folds every event of the aggregates it names in {@link FoldsEventsOf}: each event of those
 * sealed families is referred to by a class of the projection's package (the projection or its fold), or is
 * listed as ignored with its reason. A new event added to a family fails here until each read model of that
 * aggregate handles it or says why it need not.
 */
class ProjectionsAreExhaustiveTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cz.souhra.query", "cz.souhra.shared.events");

    static List<Class<?>> projections() {
        List<Class<?>> out = CLASSES.stream().filter(c -> c.isAnnotatedWith(FoldsEventsOf.class)).map(JavaClass::reflect)
                .collect(Collectors.toList());
        assertThat(out).hasSizeGreaterThanOrEqualTo(4);
        return out;
    }

    @ParameterizedTest
    @MethodSource("projections")
    void every_event_of_the_aggregates_a_projection_claims_is_folded_or_ignored_with_a_reason(Class<?> projection) {
        FoldsEventsOf claim = projection.getAnnotation(FoldsEventsOf.class);
        Set<String> referred = CLASSES.stream().filter(c -> c.getPackageName().equals(projection.getPackageName()))
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream()).map(Dependency::getTargetClass)
                .map(JavaClass::getName).collect(Collectors.toSet());
        Set<String> ignored = Arrays.stream(claim.ignores()).map(i -> i.event().getName()).collect(Collectors.toSet());
        Arrays.stream(claim.ignores()).forEach(i -> assertThat(i.because()).as("reason for ignoring " + i.event().getSimpleName()).isNotBlank());

        Set<String> forgotten = new TreeSet<>();
        for (Class<?> family : claim.value()) {
            assertThat(family.isSealed()).as(family.getSimpleName() + " is an aggregate's sealed event family").isTrue();
            for (Class<?> event : family.getPermittedSubclasses()) {
                if (!referred.contains(event.getName()) && !ignored.contains(event.getName())) {
                    forgotten.add(event.getSimpleName());
                }
            }
        }
        assertThat(forgotten).as(projection.getSimpleName() + " neither folds nor ignores").isEmpty();
        assertThat(ignored).as("ignored events that " + projection.getSimpleName() + " does fold").doesNotContainAnyElementsOf(referred);
    }
}
