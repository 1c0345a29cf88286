package io.promdr.cli.command;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code promdr snapshots}: the CSI VolumeSnapshots promdr takes of Kubernetes sources. */
@Command(name = "snapshots", description = "CSI VolumeSnapshots of Kubernetes sources: list, create, restore, prune.",
        subcommands = {SnapshotsListCommand.class, SnapshotsCreateCommand.class, SnapshotsRestoreCommand.class,
                SnapshotsPruneCommand.class})
final class SnapshotsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new PromdrException(ErrorCode.USAGE, "no snapshots subcommand given", "run `promdr snapshots --help`");
    }
}
