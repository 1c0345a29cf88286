package io.promdr.cli.command;

import io.promdr.cli.config.PromdrConfig;
import io.promdr.cli.config.Settings;
import io.promdr.schedules.ScheduleSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The settings of every source the schedules name, resolved as {@code --source NAME} would. */
final class ScheduleSources {
    private ScheduleSources() {
    }

    static Map<String, Settings> resolve(RootCommand root, List<ScheduleSpec> schedules) {
        Map<String, Settings> bySource = new LinkedHashMap<>();
        for (ScheduleSpec s : schedules) {
            Settings settings = bySource.computeIfAbsent(s.source(), source -> root.settings(
                    new PromdrConfig(null, null, source, null, null, null, null, null)));
            if (s.job().equals("backup")) {
                // Found now rather than at the first firing.
                settings.requirePrometheusUrl();
                settings.requireDataDir();
            }
        }
        return bySource;
    }
}
