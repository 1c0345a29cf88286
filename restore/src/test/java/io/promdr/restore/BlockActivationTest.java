package io.promdr.restore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static io.promdr.restore.TestBackups.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockActivationTest {
    private static final String A = "01M87EK388KVRAKZ6PRRPV9GFJ";
    private static final String B = "01M87EQM1EZDKFPDWY7PPHMWX1";

    @TempDir
    Path tmp;

    @Test
    void aFailureHalfWayPutsReplacedBlocksBackAndTakesRestoredOnesOut() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("data"));
        Path staging = Files.createDirectories(tmp.resolve(".promdr-restore-data-1"));
        Files.writeString(Files.createDirectories(target.resolve(A)).resolve("meta.json"), "old");
        Files.writeString(Files.createDirectories(staging.resolve(A)).resolve("meta.json"), "new");
        // No staging/B: its activation fails after A was replaced.
        BlockActivation activation = new BlockActivation(target, staging);
        activation.prepareTarget();
        activation.activate(A, true);
        assertThat(Files.readString(target.resolve(A).resolve("meta.json"))).isEqualTo("new");

        assertThatThrownBy(() -> activation.activate(B, false)).isInstanceOf(NoSuchFileException.class);
        assertThat(activation.rollBack()).isTrue();

        assertThat(entries(target)).containsExactly(A);
        assertThat(Files.readString(target.resolve(A).resolve("meta.json"))).isEqualTo("old");
        assertThat(Files.readString(staging.resolve(A).resolve("meta.json"))).isEqualTo("new");
    }

    @Test
    void aRollBackRemovesATargetThisRunCreated() throws IOException {
        Path target = tmp.resolve("data");
        Path staging = Files.createDirectories(tmp.resolve(".promdr-restore-data-2"));
        Files.createDirectories(staging.resolve(A));
        BlockActivation activation = new BlockActivation(target, staging);
        activation.prepareTarget();
        activation.activate(A, false);

        assertThatThrownBy(() -> activation.activate(B, false)).isInstanceOf(NoSuchFileException.class);
        assertThat(activation.rollBack()).isTrue();

        assertThat(target).doesNotExist();
        assertThat(staging.resolve(A)).isDirectory();
    }

    @Test
    void aBlockThatAppearedInTheTargetIsNotOverwrittenWithoutReplace() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("data"));
        Path staging = Files.createDirectories(tmp.resolve(".promdr-restore-data-3"));
        Files.createDirectories(staging.resolve(A));
        Files.writeString(Files.createDirectories(target.resolve(A)).resolve("meta.json"), "theirs");
        BlockActivation activation = new BlockActivation(target, staging);
        activation.prepareTarget();

        assertThatThrownBy(() -> activation.activate(A, false)).isInstanceOf(FileAlreadyExistsException.class);

        assertThat(Files.readString(target.resolve(A).resolve("meta.json"))).isEqualTo("theirs");
    }
}
