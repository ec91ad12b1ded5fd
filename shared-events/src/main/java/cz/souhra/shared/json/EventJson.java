package cz.souhra.shared.json;

import java.util.List;

import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How events are written to and read from the store: the one mapper and the one upcaster chain, used by the
 * event store, the rebuild's archive read, the offline tools and the golden-file tests alike. The stored
 * JSON is the audit record and the ledger hashes it, so this mapper is never the web one: a change of HTTP
 * formatting must never change how events are written.
 */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                // the history is read as it was written: a field an older release wrote and this one dropped is skipped
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The serializer of stored event payloads (no type information in the JSON: the entry names the class and revision). */
    public static JacksonSerializer serializer() {
        return JacksonSerializer.builder().objectMapper(mapper()).build();
    }

    /** Every upcaster, oldest revision first: a stored event passes them in this order. */
    public static List<EventUpcaster> upcasters() {
        return List.of(new UserRegisteredV1Upcaster(), new BodyEstablishedV1Upcaster());
    }

    public static EventUpcasterChain upcasterChain() {
        return new EventUpcasterChain(upcasters());
    }
}
