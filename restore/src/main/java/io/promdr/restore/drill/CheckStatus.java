package io.promdr.restore.drill;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The outcome of one check, for a block or for the whole drill; written in lower case in JSON. */
public enum CheckStatus {
    PASSED,
    FAILED,
    /** Not run: an earlier check already failed for this block, or there was nothing to check. */
    SKIPPED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
