package cz.souhra.shared.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a measure (opatření). */
public record MeasureId(String value) {
    public MeasureId {
        Ids.requireUuid(value, "MeasureId");
    }

    @JsonCreator
    public static MeasureId of(String value) {
        return new MeasureId(value);
    }

    public static MeasureId random() {
        return new MeasureId(java.util.UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
