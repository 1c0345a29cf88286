package io.promdr.cli.doctor;

/**
 * One thing {@code promdr doctor} checks. Implementations are small and independent; the list
 * is in {@link DoctorChecks}, so a new one (a Kubernetes RBAC check, say) plugs in by being
 * added there.
 *
 * <p>Contract: {@link #run} never throws for a problem of the checked thing (it returns
 * {@link CheckStatus#failed} with a hint); it may read what earlier checks found through the
 * context, and returns {@link CheckStatus#skipped} when a check it depends on did not pass. A
 * check must leave nothing behind: the repository probe removes its object again.
 */
public interface DoctorCheck {

    /** Stable, dotted name used in the output and JSON ({@code prometheus.admin-api}); never renamed. */
    String name();

    /** Whether this check concerns the settings at all (the Pushgateway check only when one is configured). */
    default boolean applies(DoctorContext context) {
        return true;
    }

    CheckOutcome run(DoctorContext context) throws Exception;
}
