package io.promdr.cli.command;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code promdr schedule}: the parent of run, list and exec (docs/scheduling.md). */
@Command(name = "schedule", description = "Run the schedules of the config: in-process (Quartz), or one schedule now.",
        subcommands = {ScheduleRunCommand.class, ScheduleListCommand.class, ScheduleExecCommand.class})
final class ScheduleCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new PromdrException(ErrorCode.USAGE, "no schedule command given", "use `promdr schedule run`, `list` or `exec NAME`");
    }
}
