package cz.souhra.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cz.souhra.shared.json.EventJson;

/**
 * Stores written by every release load as before. Each revision of each event has a golden file,
 * {@code src/test/resources/events/<Event>/rev-<n>.json}: the class, the revision and the exact JSON stored.
 * Every file is read the way the event store reads it, through {@link EventJson}'s upcaster chain and
 * serializer. A file of the current revision must be written again to the same bytes (the ledger hashes
 * them); a file of an older revision must be read as the current one and written as its {@code readAs}.
 * A renamed field, a changed mapper or a new {@code @Revision} without its file fails here.
 * {@code -Dsouhra.golden.write=true} writes a missing file of the current revision from a sample event.
 */
class GoldenEventsTest {

    static final Path EVENTS = Path.of("src/test/resources/events");
    static final ObjectMapper FILES = new ObjectMapper();

    private final Serializer serializer = EventJson.serializer();

    static Stream<Path> goldenFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EVENTS)) {
            List<Path> all = files.filter(f -> f.getFileName().toString().matches("rev-.+\\.json")).sorted().toList();
            assertThat(all).hasSizeGreaterThan(35);
            return all.stream();
        }
    }

    static String currentRevision(Class<?> type) {
        return type.getAnnotation(Revision.class).value();
    }

    /** The stored text as the event store reads it: upcast to the current revision, then deserialized. */
    private Object read(JsonNode golden) throws ClassNotFoundException {
        String type = golden.get("type").asText();
        var entry = new GenericDomainEventEntry<>("Golden", "golden-1", 0, "event-1", Instant.parse("2026-03-01T08:00:00Z"),
                type, golden.get("revision").asText(), golden.get("data").asText(), "{}");
        IntermediateEventRepresentation upcast = EventJson.upcasterChain()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).as("revision after upcasting " + type).isEqualTo(currentRevision(Class.forName(type)));
        return serializer.deserialize(upcast.getData());
    }

    @ParameterizedTest
    @MethodSource("cz.souhra.shared.EventSerializationTest#events")
    void every_event_has_a_golden_file_of_its_current_revision(Class<?> type) {
        assertThat(EVENTS.resolve(type.getSimpleName()).resolve("rev-" + currentRevision(type) + ".json"))
                .as("golden file of " + type.getName() + " (write with -Dsouhra.golden.write=true)").exists();
    }

    @ParameterizedTest
    @MethodSource("goldenFiles")
    void every_golden_file_reads_as_the_current_revision_and_writes_the_bytes_expected(Path file) throws Exception {
        JsonNode golden = FILES.readTree(file.toFile());
        Class<?> type = Class.forName(golden.get("type").asText());
        assertThat(file.getParent().getFileName().toString()).isEqualTo(type.getSimpleName());
        assertThat(file.getFileName().toString()).isEqualTo("rev-" + golden.get("revision").asText() + ".json");

        Object event = read(golden);
        assertThat(event).isInstanceOf(type);
        SerializedObject<String> again = serializer.serialize(event, String.class);
        boolean current = golden.get("revision").asText().equals(currentRevision(type));
        String expected = current ? golden.get("data").asText() : golden.get("readAs").asText();
        assertThat(again.getData()).as("bytes written again for " + file).isEqualTo(expected);
        assertThat(again.getType().getRevision()).isEqualTo(currentRevision(type));
    }

    @Test
    @EnabledIfSystemProperty(named = "souhra.golden.write", matches = "true")
    void write_missing_golden_files() throws Exception {
        for (Class<?> type : EventSerializationTest.events().toList()) {
            Path file = EVENTS.resolve(type.getSimpleName()).resolve("rev-" + currentRevision(type) + ".json");
            if (Files.exists(file)) {
                continue;
            }
            SerializedObject<String> json = serializer.serialize(EventSerializationTest.sample(type), String.class);
            ObjectNode node = FILES.createObjectNode();
            node.put("type", type.getName());
            node.put("revision", json.getType().getRevision());
            node.put("data", json.getData());
            Files.createDirectories(file.getParent());
            Files.writeString(file, FILES.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
        }
    }
}
