package io.promdr.cli.config;

/** {@code compression:} zstd level of new block archives (1-22, default 3). */
public record CompressionConfig(Integer level) {

    static CompressionConfig merge(CompressionConfig lower, CompressionConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new CompressionConfig(Layers.pick(lower.level, higher.level));
    }
}
