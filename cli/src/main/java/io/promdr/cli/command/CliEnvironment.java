package io.promdr.cli.command;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/**
 * What a run of the CLI reads from its surroundings, passed in rather than read from globals so
 * that tests run the real entry point with their own environment.
 *
 * @param env   the environment variables (configuration overrides, AWS chain aside)
 * @param clock "now" for relative times such as {@code now-7d}
 * @param zone  the zone human output shows times in
 */
public record CliEnvironment(Map<String, String> env, Clock clock, ZoneId zone) {
    public CliEnvironment {
        env = Map.copyOf(env);
    }

    public static CliEnvironment of(Map<String, String> env) {
        return new CliEnvironment(env, Clock.systemUTC(), ZoneId.systemDefault());
    }
}
