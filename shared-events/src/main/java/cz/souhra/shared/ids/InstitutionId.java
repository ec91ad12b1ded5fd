package cz.souhra.shared.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An institution is known by its short code (KULK, OAMP, UPLB …) because secretaries and the minutes
 * name institutions that way; a code is stable once registered (renaming changes only the name).
 */
public record InstitutionId(String value) {
    public InstitutionId {
        Ids.requireCode(value, "InstitutionId");
    }

    @JsonCreator
    public static InstitutionId of(String value) {
        return new InstitutionId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
