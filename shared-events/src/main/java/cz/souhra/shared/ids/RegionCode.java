package cz.souhra.shared.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A region (kraj) by its code, e.g. LBK; the tenant every body, meeting, issue and measure belongs to.

 */
public record RegionCode(String value) {
    public RegionCode {
        Ids.requireCode(value, "RegionCode");
    }

    @JsonCreator
    public static RegionCode of(String value) {
        return new RegionCode(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
