package io.promdr.cli.config;

/** Field-by-field merging of configuration layers: the higher layer wins where it sets a value. */
final class Layers {
    private Layers() {
    }

    static <T> T pick(T lower, T higher) {
        return higher != null ? higher : lower;
    }

    /** Replaces a secret by a fixed mask, so that toString never shows it. */
    static String mask(String secret) {
        return secret == null ? null : "***";
    }
}
