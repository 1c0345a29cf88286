package io.promdr.schedules;

import java.util.Set;

/**
 * A kind of job a schedule can run ({@code job:} in a schedule entry): backup, drill, and later
 * prune. The scheduler knows kinds only through this interface; adding one is one class that
 * implements it (with its launcher, in the CLI) and one line in the CLI's list of kinds.
 */
public interface JobKind {
    /** The value of {@code job:}. */
    String name();

    /** The 5-field cron expression used when an entry of this kind gives none (docs/scheduling.md, "Defaults"). */
    String defaultCron();

    /** The keys the entry may set under {@code parameters:}; anything else is an error. */
    Set<String> parameterNames();
}
