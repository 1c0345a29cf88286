package io.promdr.cli.config;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.repo.RepositoryLayout;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which source a run works on, and that source's Prometheus settings (docs/configuration.md,
 * "Sources").
 *
 * <p>A file describes either one Prometheus with the top-level {@code prometheus:} (the source is
 * then named by {@code source:}, else {@code default}), or several under {@code sources:}, where
 * {@code source:} names the one used when no {@code --source} is given. The Prometheus options
 * of the command line and the environment apply to the selected source.
 *
 * @param name       the selected source; null when several are configured and none was chosen
 * @param prometheus its Prometheus settings, merged with the higher layers; may be null
 * @param configured the names under {@code sources:}, sorted; empty for a single-source file
 */
record SourceSelection(String name, PrometheusConfig prometheus, List<String> configured) {

    /**
     * @param file  the layer of the configuration file (the only one that may set {@code sources})
     * @param above the environment and command-line layers, merged
     */
    static SourceSelection select(PromdrConfig file, PromdrConfig above) {
        Map<String, SourceConfig> sources = new TreeMap<>(file.sources() == null ? Map.of() : file.sources());
        for (String name : sources.keySet()) {
            if (!RepositoryLayout.isValidSourceName(name)) {
                throw invalid("sources." + name, "is not a valid source name",
                        "use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
        }
        if (sources.isEmpty()) {
            String name = Layers.pick(Layers.pick(Settings.DEFAULT_SOURCE, file.source()), above.source());
            return new SourceSelection(name, PrometheusConfig.merge(file.prometheus(), above.prometheus()), List.of());
        }
        if (file.prometheus() != null) {
            throw invalid("prometheus", "cannot be combined with sources:",
                    "move it under sources.<name>.prometheus, or drop sources: for a single Prometheus");
        }
        if (file.source() != null && !sources.containsKey(file.source())) {
            throw invalid("source", "\"" + file.source() + "\" is not one of the configured sources " + sources.keySet(),
                    "name an entry of sources:, or remove source:");
        }
        String name = Layers.pick(file.source(), above.source());
        if (name == null && sources.size() == 1) {
            name = sources.keySet().iterator().next();
        }
        SourceConfig entry = name == null ? null : sources.get(name);
        PrometheusConfig base = entry == null ? null : entry.prometheus();
        return new SourceSelection(name, PrometheusConfig.merge(base, above.prometheus()), List.copyOf(sources.keySet()));
    }

    private static PromdrException invalid(String key, String what, String hint) {
        return new PromdrException(ErrorCode.CONFIG_INVALID, key + ": " + what, hint);
    }
}
