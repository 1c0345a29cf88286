package io.promdr.restore;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.store.ObjectNotFoundException;

import java.io.IOException;

/**
 * What is wrong with one block object, as the drill and verify report it, from the failure of a
 * {@link BlockDownloader} read. Failures of the repository itself (unreachable, access denied) are
 * not a block's problem: {@link #of} rethrows them.
 *
 * @param problem {@value #OBJECT_MISSING}, {@value #ARCHIVE_UNSAFE}, {@value #ARCHIVE_UNREADABLE}, or one of
 *                {@link BlockMismatchException}'s problems
 * @param file    the block file concerned, or null
 * @param detail  one line
 */
public record BlockProblem(String problem, String file, String detail) {
    public static final String OBJECT_MISSING = "object.missing";
    public static final String ARCHIVE_UNSAFE = "archive.unsafe";
    public static final String ARCHIVE_UNREADABLE = "archive.unreadable";

    /** The problem {@code failure} reveals about {@code block}; rethrows a failure that is not about the block. */
    public static BlockProblem of(BlockRecord block, Exception failure) throws IOException {
        if (failure instanceof ObjectNotFoundException missing) {
            return new BlockProblem(OBJECT_MISSING, null, missing.getMessage());
        }
        if (failure instanceof BlockMismatchException mismatch) {
            return new BlockProblem(mismatch.problem(), mismatch.file(), mismatch.getMessage());
        }
        if (failure instanceof PromdrException e && e.code() == ErrorCode.ARCHIVE_UNSAFE) {
            return new BlockProblem(ARCHIVE_UNSAFE, null, e.getMessage());
        }
        if (failure instanceof PromdrException e && e.code() == ErrorCode.CHECKSUM_MISMATCH) {
            // An encrypted object that fails authentication: its bytes are not the ones written.
            return new BlockProblem(BlockMismatchException.OBJECT_CHECKSUM, null, e.getMessage());
        }
        if (failure instanceof IOException e) {
            return new BlockProblem(ARCHIVE_UNREADABLE, null,
                    "object " + block.object().key() + " cannot be read to its end: " + e.getMessage());
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }
}
