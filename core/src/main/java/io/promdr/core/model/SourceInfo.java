package io.promdr.core.model;

/**
 * What was backed up: a source name chosen by the user (default {@code default}), the
 * Prometheus URL (no credentials), its version when known, and the host promdr ran on.
 */
public record SourceInfo(String name, String prometheusUrl, String prometheusVersion, String hostname) {
}
