package io.promdr.cli.command;

import io.promdr.cli.output.HumanFormat;
import io.promdr.core.model.Manifest;
import io.promdr.restore.RestorePlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The words of restore's safety rails: what a restore would do, and what --force is about to replace. */
final class RestoreSafety {
    private RestoreSafety() {
    }

    /** Whether {@code dir} exists and holds anything (a restore with --force then changes existing data). */
    static boolean holdsFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The consequence of --force, for the confirmation prompt. */
    static String forceConsequence(RestorePlan plan, Path dir) {
        return "restore " + plan.toRestore().size() + " blocks of backup " + plan.manifest().backupId() + " into " + dir
                + ", which holds files, replacing " + plan.toReplace().size() + " block(s) already there";
    }

    /** What {@code promdr restore BACKUP --to DIR} would do with this backup. */
    static String explain(Manifest m, HumanFormat format, boolean merge, boolean force) {
        String range = m.blocks().isEmpty() ? "no blocks" : m.storedBlocks().size() + " blocks, "
                + format.range(m.minTime(), m.maxTime());
        String into = force ? "into DIR, replacing blocks already there (--force)"
                : merge ? "into DIR, next to what it holds, skipping blocks already there (--merge)"
                : "into DIR, which must be empty or missing (else --merge or --force)";
        return String.join("\n",
                "promdr restore " + m.backupId() + " --to DIR would:",
                "  1. download " + HumanFormat.bytes(m.totalStoredSize()) + " (" + range + ") of backup " + m.backupId()
                        + " of source " + m.source().name() + ", completed " + format.time(m.completedAt()) + ",",
                "  2. check every object and file against the manifest (SHA-256), in a staging directory next to DIR,",
                "  3. move the blocks " + into + ",",
                "  4. leave DIR ready for: prometheus --storage.tsdb.path=DIR",
                "Nothing was changed. See the plan first: promdr restore " + m.backupId() + " --to DIR --dry-run");
    }
}
