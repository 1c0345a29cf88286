package io.promdr.core.crypto;

import io.promdr.core.store.FileSystemObjectStore;
import io.promdr.core.store.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/decrypt-object.py, written from docs/repository-format.md ("Encryption") alone with
 * Python's cryptography package, decrypts what promdr stores: the spec is enough for a third
 * party, and it agrees with the code on every detail (header, HKDF inputs, nonce, last flag).
 */
class DecryptObjectScriptIT {
    private static final int SEGMENT = 1024;
    private static final String KEY = "blocks/01M87EK388KVRAKZ6PRRPV9GFJ/" + "c".repeat(64) + ".tar.zst";

    @TempDir
    Path dir;

    @Test
    void theIndependentDecryptorReadsWhatPromdrWrites() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("key"), TestKeys.BASE64 + "\n");
        Path root = dir.resolve("repo");
        try (ObjectStore store = new EncryptingObjectStore(new FileSystemObjectStore(root), TestKeys.key(), SEGMENT, k -> true)) {
            for (int size : new int[] {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 5000}) {
                byte[] plain = new byte[size];
                new Random(size).nextBytes(plain);
                store.put(KEY, plain);

                Run run = decrypt(keyFile, root.resolve(KEY));

                assertThat(run.exit).as("size %d: %s", size, run.err).isZero();
                assertThat(run.out).as("size %d", size).isEqualTo(plain);
            }
        }
        byte[] stored = Files.readAllBytes(root.resolve(KEY));
        stored[stored.length - 3] ^= 1;
        Path tampered = Files.write(dir.resolve("tampered"), stored);
        Run run = decrypt(keyFile, tampered);
        assertThat(run.exit).isEqualTo(1);
        assertThat(new String(run.err)).contains("does not authenticate");
    }

    private Run decrypt(Path keyFile, Path stored) throws IOException, InterruptedException {
        Path script = Path.of("..", "scripts", "decrypt-object.py").toAbsolutePath().normalize();
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        // Debian's python3, where setup.sh installs python3-cryptography: another python3 first on the PATH may lack it.
        Process process = new ProcessBuilder(List.of("/usr/bin/python3", script.toString(), keyFile.toString(), KEY,
                String.valueOf(SEGMENT))).redirectInput(stored.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("decrypt-object.py did not finish within 60 s");
        }
        return new Run(process.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
    }

    private record Run(int exit, byte[] out, byte[] err) {
    }
}
