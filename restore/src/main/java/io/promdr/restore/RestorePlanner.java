package io.promdr.restore;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Repository;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Computes what a restore will do from the manifest and the target, before anything is downloaded or changed. */
final class RestorePlanner {
    private RestorePlanner() {
    }

    static RestorePlan plan(Repository repository, RestoreRequest request) throws IOException {
        long from = request.fromMs() == null ? Long.MIN_VALUE : request.fromMs();
        long until = request.untilMs() == null ? Long.MAX_VALUE : request.untilMs();
        if (from >= until) {
            throw new PromdrException(ErrorCode.USAGE, "empty time window: --from " + request.fromMs()
                    + " is not before --until " + request.untilMs(), "give --from earlier than --until");
        }
        Manifest manifest = repository.resolve(request.backup(), request.source());
        Path target = request.target().toAbsolutePath().normalize();
        Set<String> existing = RestoreTarget.existingEntries(target, request.merge(), request.force());

        List<BlockRecord> toRestore = new ArrayList<>();
        List<BlockRecord> alreadyPresent = new ArrayList<>();
        List<BlockRecord> toReplace = new ArrayList<>();
        List<BlockRecord> outsideWindow = new ArrayList<>();
        for (BlockRecord block : manifest.storedBlocks()) {
            if (!block.overlaps(from, until)) {
                outsideWindow.add(block);
            } else if (!existing.contains(block.ulid())) {
                toRestore.add(block);
            } else if (request.force()) {
                toReplace.add(block);
                toRestore.add(block);
            } else {
                alreadyPresent.add(block);
            }
        }
        return new RestorePlan(manifest, toRestore, alreadyPresent, toReplace, outsideWindow);
    }
}
