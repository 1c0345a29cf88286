package io.promdr.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promdr.cli.CliRunner;
import io.promdr.cli.CliRunner.Result;
import io.promdr.core.crypto.KeySource;
import io.promdr.core.crypto.TestKeys;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.repo.Repository;
import io.promdr.core.repo.RepositoryLayout;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.S3ProxyServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An encrypted repository through the real entry point, with a real Prometheus and S3Proxy (and
 * a file repository): the bucket holds no readable block data, every command reads it back with
 * the key, a missing or wrong key is refused before anything is written, and a tampered object
 * fails the restore with nothing activated.
 */
class EncryptedRepositoryIT {
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    static Path shared;
    static TsdbTestData.Expected data;
    static PrometheusServer source;

    @TempDir
    Path dir;
    private final List<Result> results = new ArrayList<>();

    @BeforeAll
    static void startSource() {
        data = TsdbTestData.generate(shared.resolve("generated"), 10, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), shared.resolve("prometheus-data"));
        source = PrometheusServer.builder(shared.resolve("prometheus-data"))
                .extraArgs("--storage.tsdb.min-block-duration=2h", "--storage.tsdb.max-block-duration=2h").start();
    }

    @AfterAll
    static void stopSource() {
        if (source != null) {
            source.close();
        }
    }

    @AfterEach
    void noKeyWasPrinted() {
        for (Result r : results) {
            assertThat(r.all()).as("output of %s", r.args()).doesNotContain(TestKeys.HEX).doesNotContain(TestKeys.BASE64)
                    .doesNotContain(TestKeys.WRONG_HEX).doesNotContain(S3.secretKey());
        }
    }

    @Test
    void backupListVerifyRestoreDrillAndPruneOnS3WithoutPlaintextInTheBucket() throws Exception {
        String bucket = S3.newBucket();
        String uri = S3ProxyServer.repositoryUri(bucket, "enc");
        Path keyFile = Files.writeString(dir.resolve("repo.key"), TestKeys.HEX + "\n");
        Path plainConfig = EndToEndSupport.s3Config(dir, S3, uri, S3.secretKey());
        CliRunner noKey = runner(plainConfig);
        CliRunner withKey = runner(withLines(plainConfig, "  encryption:\n    keyFile: " + keyFile + "\n"
                + "retention:\n  keepLast: 1\n  gracePeriod: 0s\n"));

        Result init = ok(noKey, "init", "--encryption-key-file", keyFile.toString());
        assertThat(init.out()).startsWith("initialised encrypted repository s3://" + bucket + "/enc")
                .contains("key file " + keyFile);

        // Without the key, or with another one, nothing is read or written.
        var before = EndToEndSupport.keys(S3, bucket);
        fails(noKey, ErrorCode.ENCRYPTION_KEY_MISSING, "backup", "--prometheus", source.baseUrl().toString(),
                "--data-dir", source.dataDir().toString());
        fails(runner(plainConfig).env("PROMDR_ENCRYPTION_KEY", TestKeys.WRONG_HEX), ErrorCode.ENCRYPTION_KEY_WRONG,
                "backup", "--prometheus", source.baseUrl().toString(), "--data-dir", source.dataDir().toString());
        fails(noKey, ErrorCode.ENCRYPTION_KEY_MISSING, "list");
        assertThat(EndToEndSupport.keys(S3, bucket)).isEqualTo(before);

        Result first = ok(withKey, "backup", "--prometheus", source.baseUrl().toString(), "--data-dir",
                source.dataDir().toString());
        assertThat(first.out()).contains(data.blockDirs().size() + " uploaded");
        Result second = ok(withKey, "backup", "--prometheus", source.baseUrl().toString(), "--data-dir",
                source.dataDir().toString());
        assertThat(second.out()).contains("0 uploaded (0 B), " + data.blockDirs().size() + " already stored");

        assertBucketHoldsNoPlaintext(bucket);

        // The key from the environment works as well as the key file.
        JsonNode list = JSON.readTree(ok(runner(plainConfig).env("PROMDR_ENCRYPTION_KEY", TestKeys.BASE64),
                "list", "-o", "json").out());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("samples").asLong()).isEqualTo(data.samplesTotal());
        assertThat(ok(withKey, "verify", "all", "--read-data").out()).contains("no problems")
                .contains(data.blockDirs().size() + " read and checked byte for byte");

        Path target = dir.resolve("restored");
        ok(withKey, "restore", "latest", "--to", target.toString());
        assertThat(TestFiles.names(target)).containsExactlyElementsOf(data.ulids());
        for (Path generated : data.blockDirs()) {
            assertThat(TestFiles.sha256Tree(target.resolve(generated.getFileName()))).isEqualTo(TestFiles.sha256Tree(generated));
        }
        ok(withKey, "drill", "latest", "--scratch", dir.resolve("scratch").toString());

        fails(noKey, ErrorCode.ENCRYPTION_KEY_MISSING, "prune");
        assertThat(ok(withKey, "prune").out()).contains("removed 1 of 2 backups, keeping 1");
        assertThat(ok(withKey, "verify", "all", "--read-data").out()).contains("no problems");
    }

    @Test
    void aTamperedObjectFailsTheRestoreWithNothingActivatedOnAFileRepository() throws Exception {
        Path repository = dir.resolve("repository");
        CliRunner cli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_REPOSITORY", repository.toUri().toString(),
                "PROMDR_STATE_DIR", dir.resolve("state").toString(), "PROMDR_ENCRYPTION_KEY", TestKeys.BASE64));
        ok(cli, "init");
        ok(cli, "backup", "--prometheus", source.baseUrl().toString(), "--data-dir", source.dataDir().toString());
        assertThat(Files.readString(repository.resolve("repository.json"))).contains("\"version\" : 2")
                .contains("\"requiredFeatures\" : [ \"encryption\" ]").contains("\"keyCheck\"");

        // A key for a plaintext repository, and a key file with another key, are refused by name.
        Path plain = dir.resolve("plain");
        CliRunner plainCli = new CliRunner(Map.of("HOME", dir.toString(), "PROMDR_REPOSITORY", plain.toUri().toString(),
                "PROMDR_STATE_DIR", dir.resolve("state").toString()));
        ok(plainCli, "init");
        fails(plainCli.env("PROMDR_ENCRYPTION_KEY", TestKeys.BASE64), ErrorCode.ENCRYPTION_NOT_ENABLED, "list");
        Path wrongKey = Files.writeString(dir.resolve("wrong.key"), TestKeys.WRONG_HEX);
        Result wrong = fails(cli, ErrorCode.ENCRYPTION_KEY_WRONG, "restore", "latest", "--to", dir.resolve("never").toString(),
                "--encryption-key-file", wrongKey.toString());
        assertThat(wrong.err()).contains(wrongKey.toString());
        assertThat(dir.resolve("never")).doesNotExist();

        Path object;
        try (var files = Files.walk(repository.resolve("blocks"))) {
            object = files.filter(p -> p.toString().endsWith(".tar.zst")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(object);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(object, bytes);
        Path target = dir.resolve("restored");

        Result restore = fails(cli, ErrorCode.CHECKSUM_MISMATCH, "restore", "latest", "--to", target.toString());
        assertThat(restore.err()).contains("failed authentication").contains(object.getParent().getFileName().toString());
        assertThat(target).doesNotExist();
        Result verify = cli.run("verify", "latest", "--read-data");
        results.add(verify);
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ErrorCode.VERIFY_FAILED.exitCode());
    }

    /** Block objects start with the encrypted header, hold no known plaintext; decrypted, they are zstd archives again. */
    private static void assertBucketHoldsNoPlaintext(String bucket) throws IOException {
        try (ObjectStore raw = ObjectStores.open(S3ProxyServer.repositoryUri(bucket, "enc"), S3.settings())) {
            Repository repository = Repository.open(raw, KeySource.of(TestKeys.key(), "test key"));
            List<ObjectInfo> blocks = raw.list(RepositoryLayout.BLOCKS);
            assertThat(blocks).hasSize(data.blockDirs().size());
            for (ObjectInfo info : blocks) {
                String stored = latin1(readAll(raw, info.key()));
                assertThat(stored).startsWith("PDRE\u0001").doesNotContain(latin1(ZSTD_MAGIC))
                        .doesNotContain(TsdbTestData.METRIC).doesNotContain("meta.json").doesNotContain("chunks/")
                        .doesNotContain(info.key().split("/")[1]);
                byte[] archive = readAll(repository.store(), info.key());
                assertThat(latin1(archive)).startsWith(latin1(ZSTD_MAGIC));
                // The control: the decrypted archive holds what the stored bytes must not show.
                try (InputStream tar = new ZstdInputStream(new ByteArrayInputStream(archive))) {
                    assertThat(latin1(tar.readAllBytes())).contains("meta.json").contains(TsdbTestData.METRIC)
                            .contains(info.key().split("/")[1]);
                }
                assertThat(repository.store().stat(info.key()).orElseThrow().size()).isEqualTo(archive.length)
                        .isLessThan(stored.length());
            }
            // Manifests stay plaintext JSON (docs/repository-format.md, "Encryption").
            ObjectInfo manifest = raw.list(RepositoryLayout.BACKUPS).get(0);
            assertThat(latin1(readAll(raw, manifest.key()))).contains("\"blocks\"").contains("\"sha256\"");
        }
    }

    private static byte[] readAll(ObjectStore store, String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private Path withLines(Path config, String lines) throws IOException {
        Path file = Files.createTempFile(dir, "promdr-", ".yaml");
        Files.writeString(file, Files.readString(config) + lines);
        return file;
    }

    private CliRunner runner(Path config) {
        return new CliRunner(new HashMap<>(Map.of("HOME", dir.toString(), "PROMDR_CONFIG", config.toString(),
                "PROMDR_STATE_DIR", dir.resolve("state").toString())));
    }

    private Result ok(CliRunner cli, String... args) {
        Result r = cli.run(args);
        results.add(r);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }

    private Result fails(CliRunner cli, ErrorCode code, String... args) {
        Result r = cli.run(args);
        results.add(r);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(code.exitCode());
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("error: ").contains(" — hint: ");
        assertThat(r.out()).as(r.toString()).isEmpty();
        return r;
    }
}
