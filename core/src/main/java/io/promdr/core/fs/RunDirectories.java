package io.promdr.core.fs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Working directories promdr creates for one run (a restore's staging directory, a drill's
 * scratch directory), marked so that one left behind by a killed process (SIGKILL, OOM kill,
 * node loss: no cleanup code runs) is recognised and removed by the next run, and nothing else.
 *
 * <p>Each such directory holds a marker file, {@value #MARKER}, written when the directory is
 * created, on which the running process holds an exclusive lock until the run ends. The
 * operating system drops the lock when the process dies, however it dies. A directory is
 * abandoned when its name matches the caller's pattern, it holds the marker, and the marker can
 * be locked: it then belongs to no live process. A directory without the marker (someone's own
 * directory with a similar name) is never touched; one whose marker is locked by a live run (of
 * this process or another on the host) is left alone. Same lock rules as the backup's snapshot
 * leases (docs/reliability.md).
 */
public final class RunDirectories {
    /** The marker file inside every run directory. */
    public static final String MARKER = ".promdr-run";
    private static final Logger log = LoggerFactory.getLogger(RunDirectories.class);
    /** The markers this process holds: the channel must stay open for the lock to hold. */
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private RunDirectories() {
    }

    /**
     * Creates {@code dir} (its parent must exist), writes its marker describing {@code purpose}
     * and locks it until {@link #release}. When the marker cannot be locked (a file system
     * without locks), the directory is still created: it is then removed only by this run.
     */
    public static Path create(Path dir, String purpose) throws IOException {
        Path created = Files.createDirectory(dir);
        Path marker = created.resolve(MARKER);
        FileChannel channel;
        try {
            channel = FileChannel.open(marker, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.write(ByteBuffer.wrap(("promdr " + purpose + ", pid " + ProcessHandle.current().pid()
                    + ", created " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            // A full file system, typically: leave nothing behind.
            FileTrees.deleteQuietly(created);
            throw e;
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                log.warn("Marker {} is locked by another process: not holding it", marker);
            } else {
                HELD.put(marker, channel);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            log.warn("Could not lock {} ({}): if promdr is killed, delete {} by hand", marker, e.toString(), created);
        }
        return created;
    }

    /** Drops this process' lock on {@code dir}'s marker; call after removing (or deciding to keep) the directory. */
    public static void release(Path dir) {
        FileChannel channel = HELD.remove(dir.resolve(MARKER));
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("Closing the marker of {}: {}", dir, e.toString());
            }
        }
    }

    /** Whether {@code dir} is a directory (not a link) that holds a run marker: one promdr created. */
    public static boolean isMarked(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Removes the abandoned run directories directly under {@code parent} whose names match
     * {@code name}, except those {@code keep} accepts (called under the lock: the caller logs why
     * it keeps one); returns those removed. Failures are logged, never thrown: leftovers must not
     * stop the run that finds them.
     */
    public static List<Path> removeAbandoned(Path parent, Pattern name, Predicate<Path> keep) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, p -> name.matcher(p.getFileName().toString()).matches())) {
            for (Path dir : entries) {
                if (isMarked(dir) && removeIfAbandoned(dir, keep)) {
                    removed.add(dir);
                }
            }
        } catch (IOException e) {
            log.warn("Could not look for directories left by interrupted runs in {}: {}", parent, e.toString());
        }
        return removed;
    }

    private static boolean removeIfAbandoned(Path dir, Predicate<Path> keep) {
        Path marker = dir.resolve(MARKER);
        if (HELD.containsKey(marker)) {
            return false; // a run of this process; opening and closing another channel would drop its lock
        }
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null || keep.test(dir)) {
                return false; // a live run in another process holds it, or the caller must keep it
            }
            // The marker goes last: a directory half deleted by a failure here is still recognised next time.
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> !p.getFileName().toString().equals(MARKER))) {
                for (Path entry : entries) {
                    FileTrees.deleteQuietly(entry);
                }
            }
            Files.delete(marker);
            Files.delete(dir);
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this process
        } catch (IOException e) {
            log.warn("Could not remove {}, left by an interrupted run: {}; delete it by hand", dir, e.toString());
            return false;
        }
    }
}
