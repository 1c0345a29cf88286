package io.promdr.cli.progress;

/** Shows progress somewhere: a redrawn bar on a terminal, or log lines. Called at most as often as it asks to be. */
interface ProgressRenderer {

    /** How long to wait between two {@link #update}s (the meter drops updates in between). */
    java.time.Duration interval();

    /**
     * Whether to show the state as soon as work starts. When not, the first update waits a full
     * interval, so that short work prints nothing at all (nor a final line).
     */
    boolean eager();

    void update(ProgressSnapshot snapshot);

    /** One object finished (only renderers that list them, with --verbose, care). */
    default void objectDone(String key, ProgressSnapshot snapshot) {
    }

    /** The work ended (successfully or not): the last state, and leave the output tidy. */
    void finish(ProgressSnapshot snapshot);
}
