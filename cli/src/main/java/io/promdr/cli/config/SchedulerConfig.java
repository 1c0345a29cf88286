package io.promdr.cli.config;

/**
 * {@code scheduler:} how {@code promdr schedule run} runs.
 *
 * @param address where /metrics and /healthz listen; unset: 127.0.0.1
 * @param port    their port; unset: 9465; 0: any free port
 * @param threads how many schedules may run at the same time; unset: 2
 */
public record SchedulerConfig(String address, Integer port, Integer threads) {

    static SchedulerConfig merge(SchedulerConfig lower, SchedulerConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new SchedulerConfig(Layers.pick(lower.address, higher.address), Layers.pick(lower.port, higher.port),
                Layers.pick(lower.threads, higher.threads));
    }
}
