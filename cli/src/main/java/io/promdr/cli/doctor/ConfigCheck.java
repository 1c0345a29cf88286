package io.promdr.cli.doctor;

import io.promdr.cli.config.Settings;

/**
 * {@code config}: the configuration parsed and validated (the doctor run reports a failure to
 * resolve it as this check failing), and it names a repository, without which nothing works.
 */
final class ConfigCheck implements DoctorCheck {
    static final String NAME = "config";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        Settings settings = context.settings();
        String file = settings.configFile() == null ? "no config file (options and PROMDR_* variables only)"
                : settings.configFile().toString() + " is valid";
        if (settings.repositoryUri() == null) {
            return CheckOutcome.failed(file + ", but no repository is given",
                    "pass --repository or set repository.uri in the config (or PROMDR_REPOSITORY)");
        }
        String sources = settings.configuredSources().isEmpty() ? "" : "; sources " + settings.configuredSources();
        return CheckOutcome.ok(file + sources);
    }
}
