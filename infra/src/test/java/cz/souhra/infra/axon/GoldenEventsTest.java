package cz.souhra.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cz.souhra.shared.model.QuorumRule;
import cz.souhra.shared.model.Votes;

/**
 * Stores written by earlier versions load as before: for every event class a golden file holds the exact
 * JSON the event serializer wrote ({@code src/test/resources/golden-events/<Event>.json}: type, revision
 * and the stored string). Each is read through the serializer the event store uses and written again to
 * the same bytes, which the ledger hashes. A change of an event's shape or of the event mapper fails here
 * and needs an upcaster; a new event class needs its golden file ({@code -Dsouhra.golden.write=true}
 * writes the missing ones).
 */
class GoldenEventsTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden-events");
    static final ObjectMapper FILES = new ObjectMapper();

    private final Serializer events = JacksonSerializer.builder().objectMapper(AxonMongoConfiguration.eventObjectMapper()).build();

    /** Every top-level class of the events packages, from the class path (the shared-events jar in {@code verify}). */
    static Stream<Class<?>> eventClasses() throws Exception {
        var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
        var readers = new org.springframework.core.type.classreading.SimpleMetadataReaderFactory();
        List<Class<?>> out = new ArrayList<>();
        for (var r : resolver.getResources("classpath*:cz/souhra/shared/events/**/*.class")) {
            String name = readers.getMetadataReader(r).getClassMetadata().getClassName();
            if (!name.contains("$") && !name.endsWith("package-info")) {
                out.add(Class.forName(name));
            }
        }
        assertThat(out).hasSizeGreaterThan(35);
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("eventClasses")
    void the_golden_json_of_every_event_reads_back_and_writes_the_same_bytes(Class<?> type) throws Exception {
        Path file = GOLDEN.resolve(type.getSimpleName() + ".json");
        assertThat(file).as("golden file of " + type.getName() + " (write with -Dsouhra.golden.write=true)").exists();
        JsonNode golden = FILES.readTree(file.toFile());
        assertThat(golden.get("type").asText()).isEqualTo(type.getName());
        assertThat(golden.get("revision").asText()).isEqualTo(type.getAnnotation(Revision.class).value());
        String stored = golden.get("data").asText();

        Object event = events.deserialize(new SimpleSerializedObject<>(stored, String.class, type.getName(), golden.get("revision").asText()));
        assertThat(event).isInstanceOf(type);
        SerializedObject<String> again = events.serialize(event, String.class);
        assertThat(again.getData()).as("bytes written again for " + type.getSimpleName()).isEqualTo(stored);
        assertThat(again.getType().getRevision()).isEqualTo(golden.get("revision").asText());
    }

    @Test
    @EnabledIfSystemProperty(named = "souhra.golden.write", matches = "true")
    void write_missing_golden_files() throws Exception {
        Files.createDirectories(GOLDEN);
        for (Class<?> type : eventClasses().toList()) {
            Path file = GOLDEN.resolve(type.getSimpleName() + ".json");
            if (Files.exists(file)) {
                continue;
            }
            SerializedObject<String> json = events.serialize(sample(type), String.class);
            ObjectNode node = FILES.createObjectNode();
            node.put("type", type.getName());
            node.put("revision", json.getType().getRevision());
            node.put("data", json.getData());
            Files.writeString(file, FILES.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
        }
    }

    /** A value for every component, distinct per field (used only to write a missing golden file). */
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
