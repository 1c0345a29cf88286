package io.promdr.restore.verify;

import io.promdr.core.error.PromdrException;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.ObjectInfo;
import io.promdr.restore.BlockDownloader;
import io.promdr.restore.BlockProblem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code promdr verify}: checks that the block objects of one backup, or of all, are in the
 * repository with the sizes the manifests record (one stat per object, cheap), and with
 * {@link VerifyRequest#readData()} also downloads them, or a deterministic subset, and checks
 * every byte: the object's SHA-256 and every file's size and SHA-256, without writing anything.
 * An object that several backups share is checked once. Only reads the repository.
 */
public class VerifyService {
    public static final String OBJECT_SIZE = "object.size";
    public static final String MANIFEST_UNREADABLE = "manifest.unreadable";

    /** The repository must be opened read-only by the caller. */
    public VerifyReport verify(Repository repository, VerifyRequest request) throws IOException {
        List<VerifyProblem> problems = new ArrayList<>();
        List<Manifest> manifests = VerifyRequest.ALL.equals(request.backup())
                ? repository.listManifests(request.source(), unreadable -> problems.add(new VerifyProblem(MANIFEST_UNREADABLE,
                List.of(), null, null, null, unreadable.getMessage())))
                : List.of(repository.resolve(request.backup(), request.source()));
        // Each distinct block record once, with the backups that reference it.
        Map<BlockRecord, List<String>> objects = new LinkedHashMap<>();
        for (Manifest manifest : manifests) {
            for (BlockRecord block : manifest.storedBlocks()) {
                objects.computeIfAbsent(block, b -> new ArrayList<>()).add(manifest.backupId());
            }
        }
        int read = 0;
        long bytes = 0;
        Set<BlockRecord> readBlocks = new HashSet<>();
        for (Map.Entry<BlockRecord, List<String>> entry : objects.entrySet()) {
            BlockRecord block = entry.getKey();
            Optional<VerifyProblem> problem = sizeProblem(repository, block, entry.getValue());
            if (problem.isEmpty() && request.readData() != null && request.readData().contains(block)) {
                read++;
                readBlocks.add(block);
                try {
                    // Messages name the first backup that references the object; the problem lists them all.
                    bytes += new BlockDownloader(repository.store(), entry.getValue().get(0)).check(block);
                } catch (IOException | PromdrException e) {
                    BlockProblem p = BlockProblem.of(block, e);
                    problem = Optional.of(new VerifyProblem(p.problem(), entry.getValue(), block.ulid(), block.object().key(),
                            p.file(), p.detail()));
                }
            }
            problem.ifPresent(problems::add);
        }
        List<BackupVerification> backups = manifests.stream().map(m -> verdict(m, problems, readBlocks)).toList();
        return new VerifyReport(problems.isEmpty() ? "passed" : "failed",
                request.readData() == null ? null : request.readData().toString(), backups, objects.size(), read, bytes,
                problems);
    }

    private static Optional<VerifyProblem> sizeProblem(Repository repository, BlockRecord block, List<String> backups)
            throws IOException {
        Optional<ObjectInfo> info = repository.store().stat(block.object().key());
        if (info.isEmpty()) {
            return Optional.of(new VerifyProblem(BlockProblem.OBJECT_MISSING, backups, block.ulid(), block.object().key(), null,
                    "object " + block.object().key() + " not found in " + repository.location()));
        }
        if (info.get().size() != block.object().size()) {
            return Optional.of(new VerifyProblem(OBJECT_SIZE, backups, block.ulid(), block.object().key(), null,
                    "object " + block.object().key() + " is " + info.get().size() + " bytes, the manifest records "
                            + block.object().size()));
        }
        return Optional.empty();
    }

    private static BackupVerification verdict(Manifest manifest, List<VerifyProblem> problems, Set<BlockRecord> read) {
        int own = (int) problems.stream().filter(p -> p.backupIds().contains(manifest.backupId())).count();
        // Stored blocks: a composed block is checked through the objects of its parts.
        List<BlockRecord> stored = manifest.storedBlocks();
        int blocksRead = (int) stored.stream().filter(read::contains).count();
        return new BackupVerification(manifest.backupId(), manifest.source().name(), stored.size(), blocksRead, own);
    }
}
