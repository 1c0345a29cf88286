package io.promdr.backup.prune;

import io.promdr.core.retention.RetentionPlan;

import java.util.Map;

/**
 * The retention plan of one source.
 *
 * @param source       the source name
 * @param plan         one decision per backup of the source, newest first
 * @param manifestKeys backup id to the key of its manifest
 */
public record SourcePlan(String source, RetentionPlan plan, Map<String, String> manifestKeys) {

    public SourcePlan {
        manifestKeys = Map.copyOf(manifestKeys);
    }
}
