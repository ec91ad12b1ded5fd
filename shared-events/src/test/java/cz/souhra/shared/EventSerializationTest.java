package cz.souhra.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.model.Votes;

/**
 * Every event is a record with a revision and survives the trip through the serializer the event
 * store uses ({@link cz.souhra.shared.json.EventJson}): a field that cannot be read back would make the history unreadable after the fact.
 */
class EventSerializationTest {

    /** Every top-level class of the events packages but the aggregates' sealed families. */
    static Stream<Class<?>> events() throws Exception {
        List<Class<?>> out = topLevelClasses().stream().filter(c -> !(c.isInterface() && c.isSealed())).toList();
        assertThat(out).hasSizeGreaterThan(35);
        return out.stream();
    }

    static List<Class<?>> topLevelClasses() throws Exception {
        URL root = EventSerializationTest.class.getClassLoader().getResource("cz/souhra/shared/events");
        List<Class<?>> out = new ArrayList<>();
        collect(new File(root.toURI()), "cz.souhra.shared.events", out);
        return out;
    }

    @ParameterizedTest
    @MethodSource("events")
    void every_event_belongs_to_the_sealed_family_of_its_aggregate(Class<?> type) throws Exception {
        List<Class<?>> families = topLevelClasses().stream()
                .filter(c -> c.isInterface() && c.isSealed() && c.getPackage().equals(type.getPackage())).toList();
        assertThat(families).as("one sealed event family in " + type.getPackageName()).hasSize(1);
        assertThat(families.get(0).isAssignableFrom(type)).as(type.getSimpleName() + " implements " + families.get(0).getSimpleName()).isTrue();
    }

    private static void collect(File dir, String pkg, List<Class<?>> out) throws ClassNotFoundException {
        for (File f : dir.listFiles()) {
            if (f.isDirectory()) {
                collect(f, pkg + "." + f.getName(), out);
            } else if (f.getName().endsWith(".class") && !f.getName().contains("$") && !f.getName().equals("package-info.class")) {
                // Every top-level class of the events packages, whatever its name: one not named *Event
                // (or not a record) must not slip past this test.
                out.add(Class.forName(pkg + "." + f.getName().replace(".class", "")));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("events")
    void every_event_is_a_revisioned_record_that_round_trips_through_jackson(Class<?> type) throws Exception {
        assertThat(type.isRecord()).as(type + " is a record").isTrue();
        assertThat(type.getAnnotation(Revision.class)).as(type + " has @Revision").isNotNull();
        JacksonSerializer serializer = cz.souhra.shared.json.EventJson.serializer();
        Object sample = sample(type);
        SerializedObject<String> json = serializer.serialize(sample, String.class);
        assertThat(json.getType().getRevision()).isEqualTo(type.getAnnotation(Revision.class).value());
        Object back = serializer.deserialize(json);
        assertThat(back).isEqualTo(sample);
    }

    /** A value for every component, distinct per field so that a swapped mapping would show. */
    static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = value(components[i].getType(), components[i].getGenericType(), i);
        }
        return type.getDeclaredConstructor(types).newInstance(args);
    }

    private static Object value(Class<?> t, Type generic, int i) throws Exception {
        if (t == String.class) {
            return "text-" + i + " čř";
        }
        if (t == int.class || t == Integer.class) {
            return 40 + i;
        }
        if (t == long.class || t == Long.class) {
            return 1000L + i;
        }
        if (t == boolean.class) {
            return true;
        }
        if (t == Instant.class) {
            return Instant.parse("2026-03-10T09:00:00Z").plusSeconds(i);
        }
        if (t == LocalDate.class) {
            return LocalDate.parse("2026-06-30").plusDays(i);
        }
        if (t.isEnum()) {
            return t.getEnumConstants()[i % t.getEnumConstants().length];
        }
        if (t == QuorumRule.class) {
            return QuorumRule.MORE_THAN_HALF;
        }
        if (t == Votes.class) {
            return new Votes(5, 1, 2);
        }
        if (t == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            return List.of(value((Class<?>) element, element, i + 7));
        }
        if (t.getPackageName().equals("cz.souhra.shared.ids")) {
            try {
                return t.getMethod("of", String.class).invoke(null, String.format("%08d-0000-4000-8000-%012d", i, i));
            } catch (java.lang.reflect.InvocationTargetException codeId) {
                return t.getMethod("of", String.class).invoke(null, "CODE" + i);
            }
        }
        if (t.isRecord()) {
            return sample(t);
        }
        throw new IllegalStateException("no sample for " + t);
    }
}
