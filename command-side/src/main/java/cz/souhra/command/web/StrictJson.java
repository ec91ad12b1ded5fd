package cz.souhra.command.web;

import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Request bodies are read strictly: what is accepted once stays in the ledger, so a value Jackson would
 * guess at is refused instead ({@code "dueDate": 20271231} read as an epoch day, {@code "category": 3}
 * as the fourth constant, {@code 2.7} as 2, a key given twice, text after the JSON value).
 *
 * <p>Only the WebFlux decoder uses this mapper. Stored events are read by Axon's serializer with its own
 * mapper ({@code EventJson.mapper}), which stays as lenient as the store's history
 * needs; answers are written by the application's mapper unchanged.
 */
@Component
@Order(10) // after Spring Boot's Jackson codec customizer (order 0), whose decoder this one replaces
public class StrictJson implements CodecCustomizer {

    private final ObjectMapper strict;

    public StrictJson(ObjectMapper application) {
        this.strict = strict(application);
    }

    @Override
    public void customize(org.springframework.http.codec.CodecConfigurer configurer) {
        configurer.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(strict));
    }

    /** A strict copy of {@code base} for reading requests; {@code base} itself is not changed. */
    public static ObjectMapper strict(ObjectMapper base) {
        ObjectMapper m = base.copy();
        m.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        m.disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        m.disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        m.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        m.disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        m.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        // jackson-datatype-jsr310 also reads arrays ([2027,12,31]) and numbers (epoch days and seconds) into
        // java.time values; here a day or an instant is an ISO string and nothing else.
        m.setDefaultLeniency(false);
        m.registerModule(new SimpleModule("souhra-strict-dates")
                .addDeserializer(LocalDate.class, new IsoOnly<>(LocalDate.class, LocalDate::parse))
                .addDeserializer(Instant.class, new IsoOnly<>(Instant.class, text -> OffsetDateTime.parse(text).toInstant())));
        // Scalars keep their JSON type: no number, boolean or empty string turned into text, a number, an enum or a date.
        for (LogicalType t : new LogicalType[] {LogicalType.Textual, LogicalType.Enum, LogicalType.DateTime, LogicalType.Boolean,
                LogicalType.Integer, LogicalType.Float, LogicalType.OtherScalar}) {
            m.coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.Integer, t == LogicalType.Integer || t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, t == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, t == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setAcceptBlankAsEmpty(false);
        // An empty text stays an empty text (a REQUIRED refusal names it), not an error of the JSON reader.
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert);
        return m;
    }

    /** A java.time value from an ISO string only; anything else names the field and the value. */
    private static final class IsoOnly<T> extends StdScalarDeserializer<T> {
        private final Function<String, T> parse;

        IsoOnly(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) ctxt.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            try {
                return parse.apply(text.strip());
            } catch (DateTimeException e) {
                return (T) ctxt.handleWeirdStringValue(handledType(), text, "not an ISO-8601 value");
            }
        }
    }
}
