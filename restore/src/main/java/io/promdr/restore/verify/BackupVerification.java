package io.promdr.restore.verify;

/**
 * The verdict for one backup.
 *
 * @param backupId    the backup
 * @param source      its source
 * @param blocks      blocks it references
 * @param blocksRead  of those, how many were read byte for byte (this run or via another backup sharing the object)
 * @param problems    problems that concern it
 */
public record BackupVerification(String backupId, String source, int blocks, int blocksRead, int problems) {
    public boolean ok() {
        return problems == 0;
    }
}
