package io.promdr.restore;

import io.promdr.core.fs.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Moves verified block directories from staging into the target, one atomic rename each (what
 * Prometheus' backfilling docs prescribe, so a running Prometheus sees a block completely or not
 * at all), and remembers every move so that a failure can put the target back as it was.
 *
 * <p>Replacing (--force) is two renames: the old {@code target/<ULID>} goes aside into
 * {@code staging/.replaced/} first. Between the two renames the block is absent from the target;
 * a Prometheus running on it may miss that block for a moment, so replacing is meant for a
 * stopped Prometheus; --merge (new ULIDs only) is safe on a running one.
 */
final class BlockActivation {
    private static final Logger log = LoggerFactory.getLogger(BlockActivation.class);

    /** Where replaced blocks wait inside the staging directory until the new ones are in place. */
    static final String REPLACED = ".replaced";

    private record Move(Path from, Path to) {
    }

    private final Path target;
    private final Path staging;
    private final Path replaced;
    private final Deque<Move> done = new ArrayDeque<>();
    private boolean createdTarget;

    BlockActivation(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
        this.replaced = staging.resolve(REPLACED);
    }

    void prepareTarget() throws IOException {
        if (!Files.isDirectory(target)) {
            Files.createDirectories(target);
            createdTarget = true;
        }
    }

    void activate(String ulid, boolean replace) throws IOException {
        Path destination = target.resolve(ulid);
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            if (!replace) {
                throw new FileAlreadyExistsException(destination.toString(), null,
                        "block appeared in the restore target while the restore ran");
            }
            Files.createDirectories(replaced);
            move(destination, replaced.resolve(ulid));
        }
        move(staging.resolve(ulid), destination);
    }

    /**
     * Undoes the moves done so far, newest first: restored blocks go back to staging, replaced
     * blocks back to the target, a target this run created is removed if empty. Best effort:
     * returns false when a replaced block could not be put back (it is then still in
     * {@code staging/.replaced/}, which must be kept).
     */
    boolean rollBack() {
        boolean complete = true;
        while (!done.isEmpty()) {
            Move move = done.pop();
            try {
                Files.move(move.to(), move.from(), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                boolean userData = move.to().startsWith(replaced);
                complete &= !userData;
                log.error("Could not undo the move of {} to {}: {}{}", move.from(), move.to(), e.toString(),
                        userData ? "; the original block is kept in " + move.to() + ", move it back by hand" : "");
            }
        }
        if (createdTarget) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                log.warn("Could not remove the restore target {} created by this run: {}", target, e.toString());
            }
        }
        return complete;
    }

    private void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        done.push(new Move(from, to));
        Durability.syncDirectory(to.getParent());
    }
}
