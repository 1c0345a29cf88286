package io.promdr.restore;

import io.promdr.core.fs.RunDirectories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Phase 0: removes the staging directories that earlier restores into the same target left when
 * they were killed (SIGKILL, OOM kill, node loss: their cleanup never ran), one warning line each.
 * Only directories with the staging name of this target and promdr's run marker, whose lock no
 * live process holds, are removed. A staging directory that still holds blocks a killed
 * {@code --force} restore had moved aside ({@code .replaced/}) is the user's data: it is kept,
 * with a warning saying where they are.
 */
final class LeftoverStaging implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(LeftoverStaging.class);

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Path target = RestoreJobContext.of(chunkContext).request().target().toAbsolutePath().normalize();
        for (Path removed : removeAround(target)) {
            log.warn("Removed staging directory {} left by an interrupted restore (its process died without removing it)", removed);
        }
        return RepeatStatus.FINISHED;
    }

    /** Removes the abandoned staging directories of {@code target}: next to it, and inside it (a mount point). */
    static List<Path> removeAround(Path target) {
        List<Path> removed = new ArrayList<>();
        Path parent = target.getParent();
        if (parent != null && target.getFileName() != null) {
            removed.addAll(RunDirectories.removeAbandoned(parent, StagingDirectory.namesOf(target), LeftoverStaging::holdsReplacedBlocks));
            removed.addAll(RunDirectories.removeAbandoned(target, StagingDirectory.namesOf(target), LeftoverStaging::holdsReplacedBlocks));
        }
        return removed;
    }

    private static boolean holdsReplacedBlocks(Path staging) {
        Path replaced = staging.resolve(BlockActivation.REPLACED);
        if (!Files.isDirectory(replaced)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(replaced)) {
            if (entries.findAny().isEmpty()) {
                return false;
            }
        } catch (IOException e) {
            // unreadable: keep it, as if it held blocks
        }
        log.warn("Kept staging directory {} left by an interrupted --force restore: {} holds the blocks it had moved aside; "
                + "move them back into the target or delete them", staging, replaced);
        return true;
    }
}
