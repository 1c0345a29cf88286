package io.promdr.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Marks the snapshots promdr took so that one left behind by a killed process (SIGKILL, OOM kill,
 * node loss: no shutdown hook runs) is removed by the next backup, and only those.
 *
 * <p>Next to each snapshot {@code <data>/snapshots/<name>}, the running backup creates
 * {@code <name>.promdr-lease} and holds an exclusive lock on it until it removes the snapshot.
 * The operating system drops the lock when the process dies, however it dies. Before taking its
 * own snapshot, every backup looks at the lease files: one it can lock belongs to nobody alive,
 * so its snapshot directory and the lease are deleted, with a log line. A lease locked by a live
 * backup (in this process or another on the same host) is left alone, and so is every snapshot
 * without a lease: a snapshot someone took by hand is never touched.
 *
 * <p>Known gap: a process killed between Prometheus' answer and the creation of the lease (a few
 * microseconds) leaves an unmarked snapshot, which is then reported by nobody. Leases need a
 * data directory promdr can write to, as removing snapshots already does; when the lease cannot
 * be created, the backup goes on with a warning.
 */
final class SnapshotLeases {
    static final String SUFFIX = ".promdr-lease";
    private static final Logger log = LoggerFactory.getLogger(SnapshotLeases.class);
    /** The leases this process holds, by lease file: the channel must stay open for the lock to hold. */
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private SnapshotLeases() {
    }

    static Path leaseFile(Path snapshotDir) {
        return snapshotDir.resolveSibling(snapshotDir.getFileName() + SUFFIX);
    }

    /** Creates and locks the lease of a snapshot this process just took. */
    static void acquire(Path snapshotDir) {
        Path lease = leaseFile(snapshotDir);
        if (!Files.isDirectory(lease.getParent())) {
            return; // not where promdr reads snapshots from: TakeSnapshot reports the wrong data directory
        }
        try {
            FileChannel channel = FileChannel.open(lease, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                log.warn("Lease {} is locked by another process: not holding it", lease);
                return;
            }
            HELD.put(lease, channel);
        } catch (IOException | OverlappingFileLockException e) {
            log.warn("Could not create snapshot lease {} ({}): if promdr is killed, remove the snapshot by hand", lease, e.toString());
        }
    }

    /** Releases and deletes the lease of a snapshot this process removed. */
    static void release(Path snapshotDir) {
        Path lease = leaseFile(snapshotDir);
        FileChannel channel = HELD.remove(lease);
        try {
            // Delete first, then unlock: another backup never locks a lease whose snapshot still exists.
            Files.deleteIfExists(lease);
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            log.warn("Could not delete snapshot lease {}: {}", lease, e.toString());
        }
    }

    /**
     * Removes the snapshots under {@code <dataDir>/snapshots} whose lease nobody holds; returns the
     * directories removed. Failures are logged, never thrown: they must not stop a backup.
     */
    static List<Path> removeAbandoned(Path dataDir) {
        Path snapshots = dataDir.resolve("snapshots");
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(snapshots)) {
            return removed;
        }
        try (DirectoryStream<Path> leases = Files.newDirectoryStream(snapshots, "*" + SUFFIX)) {
            for (Path lease : leases) {
                String name = lease.getFileName().toString();
                Path snapshotDir = snapshots.resolve(name.substring(0, name.length() - SUFFIX.length()));
                if (removeIfAbandoned(lease, snapshotDir)) {
                    removed.add(snapshotDir);
                }
            }
        } catch (IOException e) {
            log.warn("Could not look for snapshots left by interrupted backups in {}: {}", snapshots, e.toString());
        }
        return removed;
    }

    /** The names of the entries under {@code <dataDir>/snapshots} (empty when there is none). */
    static Set<String> snapshotNames(Path dataDir) {
        Path snapshots = dataDir.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(snapshots)) {
            return entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /**
     * After a snapshot request that got no answer: removes the snapshot directories that appeared
     * while it was in flight and that no backup holds a lease on. Prometheus may have created one
     * (it went away mid-request, or a proxy gave up first), and nobody else would ever delete it.
     */
    static List<Path> removeUnanswered(Path dataDir, Set<String> before) {
        List<Path> removed = new ArrayList<>();
        Path snapshots = dataDir.resolve("snapshots");
        for (String name : snapshotNames(dataDir)) {
            Path dir = snapshots.resolve(name);
            if (before.contains(name) || name.endsWith(SUFFIX) || Files.exists(leaseFile(dir)) || !Files.isDirectory(dir)) {
                continue;
            }
            try {
                FileSystemUtils.deleteRecursively(dir);
                removed.add(dir);
                log.warn("Prometheus did not answer the snapshot request but created snapshot directory {}: removed it", dir);
            } catch (IOException e) {
                log.warn("Could not remove snapshot directory {} of an unanswered snapshot request: {}; delete it by hand", dir,
                        e.toString());
            }
        }
        return removed;
    }

    private static boolean removeIfAbandoned(Path lease, Path snapshotDir) {
        if (HELD.containsKey(lease)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lease, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // a live backup in another process holds it
            }
            boolean existed = Files.exists(snapshotDir);
            if (existed) {
                FileSystemUtils.deleteRecursively(snapshotDir);
            }
            Files.deleteIfExists(lease);
            if (existed) {
                log.warn("Removed snapshot directory {} left by an interrupted backup (its process died without removing it)",
                        snapshotDir);
            }
            return existed;
        } catch (OverlappingFileLockException e) {
            return false; // held by this process
        } catch (IOException e) {
            log.warn("Could not remove snapshot directory {} left by an interrupted backup: {}; delete it by hand", snapshotDir,
                    e.toString());
            return false;
        }
    }
}
