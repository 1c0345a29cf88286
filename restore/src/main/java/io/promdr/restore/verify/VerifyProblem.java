package io.promdr.restore.verify;

import java.util.List;

/**
 * One thing {@code verify} found wrong.
 *
 * @param problem   {@code manifest.unreadable}, {@code object.missing}, {@code object.size}, or a data problem:
 *                  {@code object.checksum}, {@code files.list}, {@code files.checksum}, {@code archive.unsafe},
 *                  {@code archive.unreadable}
 * @param backupIds the backups affected (every backup that references the object)
 * @param block     the block ULID, or null for a manifest problem
 * @param key       the object (or manifest) key
 * @param file      the block file concerned, or null
 * @param detail    one line saying what was found
 */
public record VerifyProblem(String problem, List<String> backupIds, String block, String key, String file, String detail) {
    public VerifyProblem {
        backupIds = List.copyOf(backupIds);
    }
}
