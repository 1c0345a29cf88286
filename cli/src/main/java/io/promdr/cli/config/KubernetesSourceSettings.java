package io.promdr.cli.config;

import io.promdr.core.k8s.KubernetesConnection;
import io.promdr.core.k8s.LabelSelectors;
import io.promdr.core.k8s.PrometheusSelector;
import io.promdr.core.k8s.ReplicaChoice;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The validated {@code sources.<name>.kubernetes} of the selected source, read from the same
 * file as {@link Settings} (kept out of Settings so the shared record stays as it is).
 *
 * @param namespace null: kubernetes.namespace, else the context's namespace
 */
public record KubernetesSourceSettings(String source, String namespace, String selector, String prometheus, String container,
                                       ReplicaChoice replicas, Access access, String volumeSnapshotClass, List<String> pvcs,
                                       boolean quiesce, Duration readyTimeout) {
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(10);

    /** How promdr reaches the data of the source. */
    public enum Access {
        EXEC, VOLUME_SNAPSHOT
    }

    public PrometheusSelector selector(String resolvedNamespace) {
        return new PrometheusSelector(resolvedNamespace, selector, prometheus, container);
    }

    /** The selected source's kubernetes section, or empty when the source is no Kubernetes one. */
    public static Optional<KubernetesSourceSettings> of(Settings settings) {
        if (settings.configFile() == null || settings.source() == null) {
            return Optional.empty();
        }
        PromdrConfig file = ConfigFileReader.read(settings.configFile());
        SourceConfig entry = file.sources() == null ? null : file.sources().get(settings.source());
        if (entry == null || entry.kubernetes() == null) {
            return Optional.empty();
        }
        return Optional.of(validate(settings.source(), entry.kubernetes()));
    }

    static KubernetesSourceSettings validate(String source, KubernetesSourceConfig k) {
        String key = "sources." + source + ".kubernetes";
        if (k.selector() != null) {
            LabelSelectors.parse(k.selector());
        }
        Access access = access(k.access(), key + ".access");
        Duration timeout = k.readyTimeout() == null ? DEFAULT_READY_TIMEOUT : Durations.parse(k.readyTimeout())
                .filter(d -> !d.isZero()).orElseThrow(() -> SettingsResolver.invalid(key + ".readyTimeout",
                        "\"" + k.readyTimeout() + "\" is not a duration", "use e.g. 10m, 90s or 1h"));
        if (Boolean.TRUE.equals(k.quiesce()) && access != Access.VOLUME_SNAPSHOT) {
            throw SettingsResolver.invalid(key + ".quiesce", "applies to access: volume-snapshot only",
                    "remove quiesce, or set access: volume-snapshot");
        }
        return new KubernetesSourceSettings(source, blank(k.namespace()), k.selector(), blank(k.prometheus()), k.container(),
                ReplicaChoice.parse(k.replicas(), key + ".replicas"), access, blank(k.volumeSnapshotClass()),
                k.pvcs() == null ? List.of() : List.copyOf(k.pvcs()), Boolean.TRUE.equals(k.quiesce()), timeout);
    }

    private static Access access(String text, String key) {
        if (text == null || text.isBlank()) {
            return Access.EXEC;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "exec" -> Access.EXEC;
            case "volume-snapshot" -> Access.VOLUME_SNAPSHOT;
            default -> throw SettingsResolver.invalid(key, "\"" + text + "\" is not an access mode",
                    "use exec (tar through the Kubernetes exec API) or volume-snapshot (CSI VolumeSnapshots)");
        };
    }

    /** How to reach the cluster, from the {@code kubernetes:} section. */
    public static KubernetesConnection connection(Settings settings) {
        KubernetesConfig k = settings.kubernetes();
        return new KubernetesConnection(k.kubeconfig() == null ? null : Path.of(k.kubeconfig()), blank(k.context()),
                blank(k.namespace()));
    }

    /** Used by commands that need a namespace but have no source: --namespace, else kubernetes.namespace, else the context's. */
    public static String namespace(String option, Settings settings, String contextDefault) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String configured = blank(settings.kubernetes().namespace());
        return configured != null ? configured : contextDefault;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
