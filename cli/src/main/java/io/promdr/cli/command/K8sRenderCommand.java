package io.promdr.cli.command;

import io.promdr.cli.config.KubernetesConfig;
import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.schedules.k8s.CronJobRenderer;
import io.promdr.schedules.k8s.RenderOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code promdr k8s render}: the schedules as Kubernetes CronJobs, for {@code kubectl apply -f -}. */
@Command(name = "render", sortOptions = false,
        description = {"Print the schedules as Kubernetes CronJob manifests (batch/v1), ready for `kubectl apply -f -`.",
                "Same cron and time zone as `promdr schedule run`; each pod runs `promdr schedule exec` (docs/scheduling.md)."})
final class K8sRenderCommand extends PromdrSubcommand {

    @Option(names = "--config-map", paramLabel = "NAME", defaultValue = RenderOptions.DEFAULT_CONFIG_MAP,
            description = "ConfigMap holding promdr.yaml (key promdr.yaml). Default: ${DEFAULT-VALUE}.")
    String configMap;

    @Option(names = "--secret", paramLabel = "NAME", defaultValue = RenderOptions.DEFAULT_SECRET,
            description = "Optional Secret whose keys become environment variables (credentials). Default: ${DEFAULT-VALUE}.")
    String secret;

    @Override
    void run() {
        Settings settings = root.settings(PromdrConfig.empty());
        KubernetesConfig k = settings.kubernetes();
        String yaml = CronJobRenderer.renderYaml(settings.schedules().requireAny(),
                new RenderOptions(k.namespace(), k.image(), k.serviceAccount(), configMap, secret));
        out().print(yaml);
        out().flush();
    }
}
