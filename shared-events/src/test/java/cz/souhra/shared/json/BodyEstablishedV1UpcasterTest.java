package cz.souhra.shared.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cz.souhra.shared.events.body.BodyEstablishedEvent;
import cz.souhra.shared.ids.BodyId;
import cz.souhra.shared.ids.RegionCode;
import cz.souhra.shared.model.BodyKind;
import cz.souhra.shared.model.QuorumRule;

class BodyEstablishedV1UpcasterTest {

    private static final String BODY = "0b0d1e5a-0000-4000-8000-000000000001";

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();

    private IntermediateEventRepresentation stored(String revision, String json) {
        var entry = new GenericDomainEventEntry<>("Body", BODY, 0, "e-1", Instant.parse("2026-03-01T08:00:00Z"),
                BodyEstablishedEvent.class.getName(), revision, json, "{}");
        return new InitialEventRepresentation(entry, serializer);
    }

    private BodyEstablishedEvent readV1(String cadenceJson) {
        String v1 = "{\"bodyId\":\"" + BODY + "\",\"region\":\"LBK\",\"kind\":\"WORKING_GROUP\",\"name\":\"PS Ubytovny\",\"cadence\":" + cadenceJson
                + ",\"quorum\":{\"percent\":50,\"strictlyMore\":true}}";
        IntermediateEventRepresentation upcast = new EventUpcasterChain(new BodyEstablishedV1Upcaster()).upcast(Stream.of(stored("1", v1)))
                .findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        return serializer.deserialize(upcast.getData());
    }

    @ParameterizedTest(name = "\"{0}\" is {1} meetings a year")
    @CsvSource(delimiter = '|', value = {
            "čtvrtletně|4", "Čtvrtletně |4", "quarterly|4", "2× ročně|2", "3x ročně|3", "3 x ročně|3", "2-3× ročně|2", "2-3 per year|2",
            "měsíčně|12", "pololetně|2", "ročně|1", "6 times a year|6", "12x za rok|12"})
    void a_recognisable_czech_or_english_phrase_becomes_meetings_per_year(String text, int perYear) {
        BodyEstablishedEvent e = readV1("\"" + text + "\"");
        assertThat(e).isEqualTo(new BodyEstablishedEvent(BodyId.of(BODY), RegionCode.of("LBK"), BodyKind.WORKING_GROUP, "PS Ubytovny", perYear,
                QuorumRule.MORE_THAN_HALF));
    }

    @ParameterizedTest(name = "\"{0}\" is not stated")
    @CsvSource(delimiter = '|', value = {"každý úplněk", "podle potřeby", "0× ročně", "99x ročně", "QUARTERLY-ish"})
    void unknown_text_is_read_as_not_stated(String text) {
        assertThat(readV1("\"" + text + "\"").meetingsPerYear()).isNull();
    }

    @Test
    void no_cadence_at_all_is_read_as_not_stated() {
        assertThat(readV1("null").meetingsPerYear()).isNull();
    }

    @Test
    void revision_2_json_is_left_as_it_is() {
        String v2 = "{\"bodyId\":\"" + BODY + "\",\"region\":\"LBK\",\"kind\":\"PLATFORM\",\"name\":\"Platforma\",\"meetingsPerYear\":3,"
                + "\"quorum\":{\"percent\":50,\"strictlyMore\":true}}";
        IntermediateEventRepresentation stored = stored("2", v2);
        assertThat(new BodyEstablishedV1Upcaster().canUpcast(stored)).isFalse();
        BodyEstablishedEvent e = serializer.deserialize(stored.getData());
        assertThat(e.meetingsPerYear()).isEqualTo(3);
    }
}
