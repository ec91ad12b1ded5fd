package cz.souhra.shared.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a raised issue (podnět). */
public record IssueId(String value) {
    public IssueId {
        Ids.requireUuid(value, "IssueId");
    }

    @JsonCreator
    public static IssueId of(String value) {
        return new IssueId(value);
    }

    public static IssueId random() {
        return new IssueId(java.util.UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
