package io.promdr.restore;

import io.promdr.core.archive.BlockArchiver;
import io.promdr.core.archive.BlockContentHash;
import io.promdr.core.archive.HashingOutputStream;
import io.promdr.core.model.BackupId;
import io.promdr.core.model.BlockRecord;
import io.promdr.core.model.FileRecord;
import io.promdr.core.model.Manifest;
import io.promdr.core.model.SourceInfo;
import io.promdr.core.model.StoredObject;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.PendingObject;
import io.promdr.core.tsdb.BlockMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Writes backups into a repository the way the backup job does (one tar.zst object per block,
 * then the manifest), from block directories on disk. The restore module must not depend on
 * backup-jobs, so its tests build their repositories with core alone.
 */
public final class TestBackups {
    private TestBackups() {
    }

    public static Manifest store(Repository repository, String backupId, List<Path> blockDirs) throws IOException {
        return store(repository, backupId, blockDirs, UnaryOperator.identity());
    }

    /** As {@link #store(Repository, String, List)}, letting the test alter each block record before the manifest is committed. */
    public static Manifest store(Repository repository, String backupId, List<Path> blockDirs, UnaryOperator<BlockRecord> tamper)
            throws IOException {
        BlockArchiver archiver = new BlockArchiver(3);
        List<BlockRecord> records = new ArrayList<>();
        for (Path dir : blockDirs) {
            BlockMeta meta = BlockMeta.read(dir);
            List<FileRecord> files = archiver.scan(dir);
            String hash = BlockContentHash.of(files);
            String key = RepositoryLayout.blockObjectKey(meta.ulid(), hash);
            StoredObject object;
            try (PendingObject pending = repository.store().create(key)) {
                HashingOutputStream out = new HashingOutputStream(pending.stream());
                archiver.pack(dir, meta.ulid(), files, out);
                out.flush();
                pending.commit();
                object = new StoredObject(key, out.count(), out.hex());
            }
            records.add(tamper.apply(new BlockRecord(meta.ulid(), meta.minTime(), meta.maxTime(), meta.stats(),
                    meta.compactionLevel(), hash, object, files)));
        }
        Instant now = Instant.now();
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, new BackupId(backupId).value(),
                new SourceInfo("default", "http://127.0.0.1:9090", "2.42.0", "test-host"), now, now,
                "20261124T185745Z-3dada552da362b1a", "test", records);
        repository.commitManifest(manifest);
        return manifest;
    }

    /** Relative path to SHA-256 of every regular file under {@code dir}. */
    public static Map<String, String> fileHashes(Path dir) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(dir.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> entries(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
