package cz.souhra.shared.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of one sitting of a body. */
public record MeetingId(String value) {
    public MeetingId {
        Ids.requireUuid(value, "MeetingId");
    }

    @JsonCreator
    public static MeetingId of(String value) {
        return new MeetingId(value);
    }

    public static MeetingId random() {
        return new MeetingId(java.util.UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
