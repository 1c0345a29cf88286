package io.promdr.core.store;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

/** Raised by {@link ObjectStore#get} and {@link ObjectStore#getRange} for a key that has no committed object. */
public class ObjectNotFoundException extends PromdrException {
    private final String key;

    public ObjectNotFoundException(String location, String key) {
        super(ErrorCode.OBJECT_MISSING, "object " + key + " not found in " + location,
                "the repository is incomplete or was modified; run `promdr list` and pick another backup");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
