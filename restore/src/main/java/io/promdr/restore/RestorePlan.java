package io.promdr.restore;

import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;

import java.util.List;

/**
 * What a restore will do, computed before anything is downloaded.
 *
 * @param toRestore       blocks to download and activate, including those of {@code toReplace}
 * @param alreadyPresent  blocks skipped because the target already holds their ULID (--merge)
 * @param toReplace       blocks whose ULID is present and will be replaced (--force); also in {@code toRestore}
 * @param outsideWindow   blocks skipped by --from/--until
 */
public record RestorePlan(Manifest manifest, List<BlockRecord> toRestore, List<BlockRecord> alreadyPresent,
                          List<BlockRecord> toReplace, List<BlockRecord> outsideWindow) {

    public RestorePlan {
        toRestore = List.copyOf(toRestore);
        alreadyPresent = List.copyOf(alreadyPresent);
        toReplace = List.copyOf(toReplace);
        outsideWindow = List.copyOf(outsideWindow);
    }

    public long downloadBytes() {
        return toRestore.stream().mapToLong(b -> b.object().size()).sum();
    }

    public long restoredBytes() {
        return toRestore.stream().mapToLong(BlockRecord::filesSize).sum();
    }
}
