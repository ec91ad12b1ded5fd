package cz.souhra.shared.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of an agenda item within a meeting. */
public record AgendaItemId(String value) {
    public AgendaItemId {
        Ids.requireUuid(value, "AgendaItemId");
    }

    @JsonCreator
    public static AgendaItemId of(String value) {
        return new AgendaItemId(value);
    }

    public static AgendaItemId random() {
        return new AgendaItemId(java.util.UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
