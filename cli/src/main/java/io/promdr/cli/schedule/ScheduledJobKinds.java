package io.promdr.cli.schedule;

import java.util.List;
import java.util.Optional;

/** The registry of the job kinds a schedule may name ({@code job:}); docs/scheduling.md lists them. */
public final class ScheduledJobKinds {
    /** In the order the docs list them. Prune joins here once its job exists. */
    public static final List<ScheduledJobKind> ALL = List.of(new BackupJobKind(), new DrillJobKind());

    private ScheduledJobKinds() {
    }

    public static Optional<ScheduledJobKind> find(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(ScheduledJobKind::name).toList();
    }
}
