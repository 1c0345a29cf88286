package io.promdr.cli.command;

import io.promdr.cli.config.KubernetesSourceSettings;
import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.k8s.KubernetesSession;

/** What the Kubernetes commands share: the selected Kubernetes source, the session, the namespace. */
final class KubernetesOptions {
    private KubernetesOptions() {
    }

    static Settings settings(RootCommand root, String source) {
        return root.settings(new PromdrConfig(null, null, source, null, null, null, null, null));
    }

    static KubernetesSourceSettings requireSource(Settings settings) {
        settings.requireSource();
        return KubernetesSourceSettings.of(settings).orElseThrow(() -> new PromdrException(ErrorCode.USAGE,
                "source " + settings.source() + " is not a Kubernetes source",
                "add sources." + settings.source() + ".kubernetes to the config (docs/kubernetes.md)"));
    }

    static KubernetesSession connect(Settings settings) {
        return KubernetesSession.connect(KubernetesSourceSettings.connection(settings));
    }

    /** The source's namespace, else --namespace / kubernetes.namespace / the context's. */
    static String namespace(KubernetesSourceSettings source, String option, Settings settings, KubernetesSession session) {
        if (source != null && source.namespace() != null) {
            return source.namespace();
        }
        return KubernetesSourceSettings.namespace(option, settings, session.defaultNamespace());
    }
}
