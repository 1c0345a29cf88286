package io.promdr.cli.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The effective {@code drill:} settings.
 *
 * @param prometheusBinary null to look for {@code prometheus} on the PATH
 */
public record DrillSettings(Path scratchDir, Path prometheusBinary, Duration readyTimeout, Duration queryTimeout) {
}
