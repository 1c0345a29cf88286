package io.promdr.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.promdr.core.metrics.ExportedMetrics;
import io.promdr.core.testing.ExternalBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PrometheusRule shipped in the base: its groups pass {@code promtool check rules} and the unit
 * tests of tests/alerts.test.yaml ({@code promtool test rules}); every alert queries only metrics
 * promdr pushes and links to an existing section of the alerts runbook.
 */
class AlertRulesIT {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @TempDir
    Path tmp;

    @Test
    void rulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        Path rules = tmp.resolve("promdr-rules.yaml");
        Files.writeString(rules, YAML.asYaml(Map.of("groups", groups())));
        Files.copy(DeployFiles.ALERT_TESTS, tmp.resolve("alerts.test.yaml"));

        assertThat(promtool("check", "rules", rules.toString())).contains("SUCCESS: 7 rules found");
        assertThat(promtool("test", "rules", "alerts.test.yaml")).contains("SUCCESS");
    }

    @Test
    void everyAlertQueriesExportedMetricsAndHasARunbookSection() throws IOException {
        String runbook = Files.readString(DeployFiles.ROOT.resolve("docs/runbooks/alerts.md"));
        List<Map<String, Object>> alerts = alerts();
        assertThat(alerts).extracting(a -> a.get("alert")).containsExactly("PromdrBackupFailed", "PromdrBackupTooOld",
                "PromdrBackupMetricsAbsent", "PromdrDrillFailed", "PromdrDrillTooOld", "PromdrNeverDrilled",
                "PromdrSnapshotLeftBehind");
        for (Map<String, Object> alert : alerts) {
            String name = (String) alert.get("alert");
            assertThat(PromQlMetricNames.in((String) alert.get("expr"))).as(name).isNotEmpty()
                    .isSubsetOf(ExportedMetrics.names());
            @SuppressWarnings("unchecked")
            Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
            String anchor = name.toLowerCase();
            assertThat(annotations.get("runbook_url")).as(name).isEqualTo("docs/runbooks/alerts.md#" + anchor);
            assertThat(runbook).as("runbook section for " + name).contains("\n## " + name + "\n");
            assertThat(annotations).as(name).containsKeys("summary", "description");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> groups() throws IOException {
        try (InputStream in = Files.newInputStream(DeployFiles.PROMETHEUS_RULE)) {
            GenericKubernetesResource rule = YAML.unmarshal(in, GenericKubernetesResource.class);
            assertThat(rule.getKind()).isEqualTo("PrometheusRule");
            return (List<Object>) ((Map<String, Object>) rule.getAdditionalProperties().get("spec")).get("groups");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts() throws IOException {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Object group : groups()) {
            alerts.addAll((List<Map<String, Object>>) ((Map<String, Object>) group).get("rules"));
        }
        return alerts;
    }

    private String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ExternalBinary.locate("PROMTOOL", "promtool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool " + String.join(" ", args) + ":\n" + output).isZero();
        return output;
    }
}
