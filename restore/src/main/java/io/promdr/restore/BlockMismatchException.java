package io.promdr.restore;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

/**
 * A block object that is not what the manifest recorded (CHECKSUM_MISMATCH), with what differed
 * in a form reports can name: {@link #problem()} is {@value #OBJECT_CHECKSUM}, {@value #FILE_LIST}
 * or {@value #FILE_CHECKSUM}, and {@link #file()} the block file concerned, when one is.
 */
public final class BlockMismatchException extends PromdrException {
    public static final String OBJECT_CHECKSUM = "object.checksum";
    public static final String FILE_LIST = "files.list";
    public static final String FILE_CHECKSUM = "files.checksum";

    private final String ulid;
    private final String problem;
    private final String file;

    BlockMismatchException(String ulid, String problem, String file, String message, Throwable cause) {
        super(ErrorCode.CHECKSUM_MISMATCH, message,
                "the repository object is corrupted; restore another backup or run promdr verify", cause);
        this.ulid = ulid;
        this.problem = problem;
        this.file = file;
    }

    public String ulid() {
        return ulid;
    }

    public String problem() {
        return problem;
    }

    /** The file of the block concerned, relative to the block directory, or null for the object as a whole. */
    public String file() {
        return file;
    }
}
