package io.promdr.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the deployment files: Maven runs them in the module directory, k8s-cronjob/. */
final class DeployFiles {
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path ROOT = MODULE.getParent();
    static final Path BASE = MODULE.resolve("base");
    static final Path OVERLAYS = MODULE.resolve("overlays");
    static final Path PROMETHEUS_RULE = BASE.resolve("prometheusrule.yaml");
    static final Path ALERT_TESTS = MODULE.resolve("tests/alerts.test.yaml");
    static final Path DASHBOARD = BASE.resolve("grafana-dashboard.json");
    static final Path JAR = ROOT.resolve("cli/target/promdr.jar");
    static final Path DOCKERFILE = MODULE.resolve("Dockerfile");

    private DeployFiles() {
    }

    static {
        if (!Files.isRegularFile(MODULE.resolve("pom.xml")) || !Files.isDirectory(BASE)) {
            throw new IllegalStateException("run the tests from k8s-cronjob/ (Maven does): " + MODULE);
        }
    }
}
