package io.promdr.cli.doctor;

import io.promdr.cli.config.KubernetesSourceSettings;

/**
 * A check of a Kubernetes source that needs the API: it applies only to such a source, and is
 * skipped when {@code kubernetes.api} did not pass (one failure, not one per dependent check).
 */
abstract class KubernetesSourceCheck implements DoctorCheck {

    @Override
    public final boolean applies(DoctorContext context) {
        return KubernetesSource.of(context).isPresent();
    }

    @Override
    public final CheckOutcome run(DoctorContext context) {
        if (!context.passed(KubernetesApiCheck.NAME)) {
            return CheckOutcome.skipped("the Kubernetes API did not answer");
        }
        return run(context, KubernetesSource.of(context).orElseThrow());
    }

    /** The check itself, once the API answered. */
    abstract CheckOutcome run(DoctorContext context, KubernetesSourceSettings source);
}
