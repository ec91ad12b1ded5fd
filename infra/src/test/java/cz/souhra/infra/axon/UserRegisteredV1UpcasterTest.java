package cz.souhra.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import cz.souhra.shared.events.user.UserRegisteredEvent;

class UserRegisteredV1UpcasterTest {

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(AxonMongoConfiguration.eventObjectMapper()).build();

    private IntermediateEventRepresentation stored(String revision, String json) {
        var entry = new GenericDomainEventEntry<>("UserAccount", "uprace", 0, "e-1", Instant.parse("2026-03-01T08:00:00Z"),
                UserRegisteredEvent.class.getName(), revision, json, "{}");
        return new InitialEventRepresentation(entry, serializer);
    }

    private UserRegisteredEvent read(IntermediateEventRepresentation stored) {
        IntermediateEventRepresentation upcast = new EventUpcasterChain(new UserRegisteredV1Upcaster()).upcast(Stream.of(stored)).findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        return serializer.deserialize(upcast.getData());
    }

    @Test
    void given_revision_1_json_stored_before_e_mail_existed_when_read_then_it_is_a_revision_2_event_without_an_address() {
        String v1 = "{\"user\":\"uprace\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"],\"displayName\":\"Jana Nováková\"}";
        UserRegisteredEvent e = read(stored("1", v1));
        assertThat(e).isEqualTo(new UserRegisteredEvent("uprace", "UPLB", List.of("MEMBER"), "Jana Nováková", null));
    }

    @Test
    void given_revision_2_json_when_read_then_the_upcaster_leaves_it_and_the_address_survives() {
        String v2 = "{\"user\":\"uprace\",\"institution\":\"UPLB\",\"roles\":[\"MEMBER\"],\"displayName\":\"Jana Nováková\",\"email\":\"novakova@uprace.example\"}";
        IntermediateEventRepresentation stored = stored("2", v2);
        assertThat(new UserRegisteredV1Upcaster().canUpcast(stored)).isFalse();
        UserRegisteredEvent e = serializer.deserialize(stored.getData());
        assertThat(e.email()).isEqualTo("novakova@uprace.example");
    }
}
