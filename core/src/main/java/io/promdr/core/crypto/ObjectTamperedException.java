package io.promdr.core.crypto;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

/**
 * An encrypted object that fails authentication: changed, truncated, extended, its segments
 * reordered or copied from another object. CHECKSUM_MISMATCH, like any other object that is not
 * what was written: a restore activates nothing, verify reports the object.
 */
public final class ObjectTamperedException extends PromdrException {

    ObjectTamperedException(String key, String what) {
        super(ErrorCode.CHECKSUM_MISMATCH, "encrypted object " + key + " failed authentication: " + what
                        + "; it was changed or damaged after it was written",
                "nothing was activated; restore another backup, run `promdr verify --read-data`, and check who can write to the bucket");
    }
}
