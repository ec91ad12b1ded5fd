package cz.souhra.shared.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a regional platform or working group. */
public record BodyId(String value) {
    public BodyId {
        Ids.requireUuid(value, "BodyId");
    }

    @JsonCreator
    public static BodyId of(String value) {
        return new BodyId(value);
    }

    public static BodyId random() {
        return new BodyId(java.util.UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
