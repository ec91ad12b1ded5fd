package cz.souhra.command.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;

/**
 * The rule table covers every command of the published language and every field of each command (except
 * the target id, which the path or the server gives, and the expected version, which If-Match gives), so a
 * new field cannot reach an aggregate unchecked and undocumented.
 */
class CommandRulesTest {

    /** Every command class of shared-events, read from the class path (a directory in the IDE, the jar in {@code verify}). */
    static List<Class<?>> commands() throws Exception {
        var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
        var readers = new org.springframework.core.type.classreading.SimpleMetadataReaderFactory();
        List<Class<?>> out = new ArrayList<>();
        for (var r : resolver.getResources("classpath*:cz/souhra/shared/commands/**/*Command.class")) {
            out.add(Class.forName(readers.getMetadataReader(r).getClassMetadata().getClassName()));
        }
        return out;
    }

    @Test
    void every_command_has_rules_for_every_field_it_carries() throws Exception {
        List<Class<?>> commands = commands();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(40);
        for (Class<?> command : commands) {
            CommandRules.Entry entry = CommandRules.of(command);
            assertThat(entry).as(command.getSimpleName() + " has rules").isNotNull();
            Set<String> ruled = entry.fields().stream().map(CommandRules.Field::component).collect(Collectors.toSet());
            for (RecordComponent c : command.getRecordComponents()) {
                boolean given = c.isAnnotationPresent(TargetAggregateIdentifier.class) || c.isAnnotationPresent(TargetAggregateVersion.class)
                        || hasAnnotation(command, c, TargetAggregateIdentifier.class) || hasAnnotation(command, c, TargetAggregateVersion.class);
                boolean createdId = c.getName().equals("itemId") && command.getSimpleName().equals("AddAgendaItemCommand")
                        || c.getName().equals("resolutionId") && command.getSimpleName().startsWith("Adopt")
                        || c.getName().equals("measureId") && command.getSimpleName().equals("AdoptMeasureCommand")
                        || c.getName().equals("itemId") && (command.getSimpleName().equals("RemoveAgendaItemCommand")
                                || command.getSimpleName().equals("RecordDiscussionCommand"));
                if (!given && !createdId) {
                    assertThat(ruled).as(command.getSimpleName() + "." + c.getName() + " has a rule").contains(c.getName());
                }
            }
        }
    }

    @Test
    void every_rule_names_a_field_the_command_has() {
        for (CommandRules.Entry entry : CommandRules.all()) {
            Set<String> components = java.util.Arrays.stream(entry.command().getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
            for (CommandRules.Field f : entry.fields()) {
                assertThat(components).as(entry.command().getSimpleName()).contains(f.component());
            }
        }
    }

    private static boolean hasAnnotation(Class<?> record, RecordComponent c, Class<? extends java.lang.annotation.Annotation> a) {
        try {
            return record.getDeclaredField(c.getName()).isAnnotationPresent(a);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
