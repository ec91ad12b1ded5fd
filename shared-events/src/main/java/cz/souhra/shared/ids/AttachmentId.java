package cz.souhra.shared.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of an attachment (příloha); also the id its bytes are stored under. */
public record AttachmentId(String value) {
    public AttachmentId {
        Ids.requireUuid(value, "AttachmentId");
    }

    @JsonCreator
    public static AttachmentId of(String value) {
        return new AttachmentId(value);
    }

    public static AttachmentId random() {
        return new AttachmentId(java.util.UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
