package io.promdr.cli.command;

import io.promdr.cli.config.PrometheusConfig;
import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.cli.doctor.CheckResult;
import io.promdr.cli.doctor.CheckStatus;
import io.promdr.cli.doctor.Doctor;
import io.promdr.cli.doctor.DoctorReport;
import io.promdr.cli.output.DoctorReportView;
import io.promdr.cli.output.JsonOutput;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code promdr doctor}: is everything a backup needs in place? Each check ok, warning, failed or skipped, with a hint. */
@Command(name = "doctor", sortOptions = false,
        description = {"Check that a backup would work, without taking one.",
                "Checks the configuration; the repository (reachable, initialised, writable with a probe object that is",
                "removed again, clock skew against the object store); each source's Prometheus (reachable, version,",
                "admin API enabled, data directory, free space for a snapshot); the Pushgateway when configured.",
                "Exits 100 when a check failed, that is when something would make a backup fail; warnings exit 0."})
final class DoctorCommand extends PromdrSubcommand {

    @Option(names = "--prometheus", paramLabel = "URL", description = "Prometheus base URL (overrides prometheus.url).")
    String prometheusUrl;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Prometheus' data directory as seen from here "
            + "(overrides prometheus.dataDir).")
    String dataDir;

    @Option(names = "--source", paramLabel = "NAME",
            description = "Check only this source (default: the selected one, else every entry of sources:).")
    String source;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (docs/schemas/doctor.schema.json). Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Override
    void run() throws Exception {
        SourceOption.validated(source);
        DoctorReport report = Doctor.standard(root.environment().clock()).run(this::settingsOf);
        if (output == OutputFormat.json) {
            JsonOutput.print(out(), report);
        } else {
            new DoctorReportView(humanFormat()).print(report, out());
        }
        out().flush();
        if (!report.passed()) {
            CheckResult first = report.checks().stream().filter(c -> c.status() == CheckStatus.failed).findFirst().orElseThrow();
            throw new PromdrException(ErrorCode.DOCTOR_FAILED, report.failed() + " check(s) failed, first: " + first.name()
                    + ": " + first.detail(), first.hint() == null ? "see the report above" : first.hint());
        }
    }

    private Settings settingsOf(String sourceName) {
        String chosen = sourceName != null ? sourceName : source;
        return root.settings(new PromdrConfig(null,
                prometheusUrl == null && dataDir == null ? null
                        : new PrometheusConfig(prometheusUrl, dataDir),
                chosen, null, null, null, null, null));
    }
}
