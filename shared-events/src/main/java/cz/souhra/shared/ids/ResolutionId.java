package cz.souhra.shared.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a resolution (usnesení) adopted at a meeting. */
public record ResolutionId(String value) {
    public ResolutionId {
        Ids.requireUuid(value, "ResolutionId");
    }

    @JsonCreator
    public static ResolutionId of(String value) {
        return new ResolutionId(value);
    }

    public static ResolutionId random() {
        return new ResolutionId(java.util.UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
