package io.promdr.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many snapshots promdr took and could not remove are left under a local data directory: the
 * snapshot directories that still have a promdr lease file ({@link SnapshotLeases}) once no backup
 * holds it. Snapshots taken by hand have no lease and are not counted. Pushed as
 * {@code promdr_backup_snapshots_left_behind} for the PromdrSnapshotLeftBehind alert.
 */
public final class SnapshotLeftovers {
    private SnapshotLeftovers() {
    }

    /** The count after a backup of {@code dataDir} ended; 0 when the directory cannot be read. */
    public static int count(Path dataDir) {
        Path snapshots = dataDir.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return 0;
        }
        int count = 0;
        try (DirectoryStream<Path> leases = Files.newDirectoryStream(snapshots, "*" + SnapshotLeases.SUFFIX)) {
            for (Path lease : leases) {
                String name = lease.getFileName().toString();
                if (Files.isDirectory(snapshots.resolve(name.substring(0, name.length() - SnapshotLeases.SUFFIX.length())))) {
                    count++;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return count;
    }
}
