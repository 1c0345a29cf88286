package io.promdr.backup;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import io.promdr.core.repo.Repository;
import io.promdr.core.store.InMemoryObjectStore;
import io.promdr.core.testing.BatchTestConfiguration;
import io.promdr.core.testing.PrometheusServer;
import io.promdr.core.testing.TsdbTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snapshot directories that a backup could not remove itself: the process was killed (SIGKILL,
 * OOM: no shutdown hook runs), or Prometheus created the snapshot but never answered. The next
 * backup removes what is promdr's, says so, and touches nothing else.
 */
@SpringJUnitConfig({BatchTestConfiguration.class, BackupJobConfiguration.class})
class SnapshotLeftoversIT {
    @TempDir
    static Path tmp;
    static PrometheusServer prometheus;

    @Autowired
    BackupService backupService;
    @Autowired
    BatchTestConfiguration.TestRepositories repositories;

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Path snapshots;

    @BeforeAll
    static void startPrometheus() {
        TsdbTestData.Expected data = TsdbTestData.generate(tmp.resolve("generated"), 5, 4, 60);
        PrometheusServer.backfill(data.blockDirs(), tmp.resolve("data"));
        prometheus = PrometheusServer.start(tmp.resolve("data"));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        InMemoryObjectStore store = new InMemoryObjectStore();
        Repository.init(store, "test");
        repositories.use(() -> Repository.open(store));
        snapshots = Files.createDirectories(prometheus.dataDir().resolve("snapshots"));
        logs.start();
        ((Logger) LoggerFactory.getLogger(SnapshotLeases.class)).addAppender(logs);
    }

    @AfterEach
    void tearDown() throws IOException {
        ((Logger) LoggerFactory.getLogger(SnapshotLeases.class)).detachAppender(logs);
        for (Path entry : entries(snapshots)) {
            FileSystemUtils.deleteRecursively(entry);
        }
    }

    @Test
    void theNextBackupRemovesTheSnapshotOfAKilledOneAndSaysSo() throws IOException {
        // What a SIGKILLed backup leaves: its snapshot and its lease file, whose lock died with the process.
        Path killed = fakeSnapshot("20261201T010101Z-00000000000000aa");
        Files.writeString(SnapshotLeases.leaseFile(killed), "");
        // Someone's own snapshot, taken by hand: no lease, never touched.
        Path manual = fakeSnapshot("20261201T020202Z-00000000000000bb");

        backupService.backup(new BackupRequest("default", prometheus.baseUrl(), prometheus.dataDir(), 3));

        assertThat(killed).doesNotExist();
        assertThat(SnapshotLeases.leaseFile(killed)).doesNotExist();
        assertThat(entries(snapshots)).containsExactly(manual);
        assertThat(messages()).anySatisfy(m -> assertThat(m)
                .isEqualTo("Removed snapshot directory " + killed + " left by an interrupted backup (its process died without removing it)"));
    }

    @Test
    void aSnapshotWhoseLeaseIsHeldByALiveBackupIsLeftAlone() throws IOException {
        Path running = fakeSnapshot("20261201T030303Z-00000000000000cc");
        Path lease = SnapshotLeases.leaseFile(running);
        // A backup of another process holds it: here a lock of this JVM, which the removal cannot take either.
        try (FileChannel channel = FileChannel.open(lease, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            backupService.backup(new BackupRequest("default", prometheus.baseUrl(), prometheus.dataDir(), 3));

            assertThat(lock.isValid()).isTrue();
            assertThat(running).isDirectory();
            assertThat(lease).exists();
        }
        assertThat(messages()).noneMatch(m -> m.contains(running.toString()));
    }

    @Test
    void prometheusGoingAwayMidSnapshotLeavesNoSnapshotBehind() throws IOException {
        // A front that passes the snapshot request to the real Prometheus, then drops the connection
        // without an answer: Prometheus created the snapshot, promdr never learns its name.
        try (DroppingFront front = DroppingFront.start(prometheus.baseUrl())) {
            Path manual = fakeSnapshot("20261201T040404Z-00000000000000dd");

            assertThatThrownBy(() -> backupService.backup(new BackupRequest("default", front.url(), prometheus.dataDir(), 3)))
                    .isInstanceOfSatisfying(PromdrException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROMETHEUS_UNREACHABLE));

            assertThat(front.snapshotsForwarded.get()).isEqualTo(1);
            assertThat(entries(snapshots)).containsExactly(manual);
            assertThat(messages()).anySatisfy(m -> assertThat(m)
                    .startsWith("Prometheus did not answer the snapshot request but created snapshot directory " + snapshots)
                    .endsWith(": removed it"));
        }
    }

    private Path fakeSnapshot(String name) throws IOException {
        Path dir = Files.createDirectories(snapshots.resolve(name).resolve("01AAAAAAAAAAAAAAAAAAAAAAAA"));
        Files.writeString(dir.resolve("meta.json"), "{}");
        return dir.getParent();
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    /** A Prometheus front on 127.0.0.1 that forwards the snapshot POST, then closes the connection unanswered. */
    private static final class DroppingFront implements AutoCloseable {
        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        private final URI target;
        final AtomicInteger snapshotsForwarded = new AtomicInteger();

        private DroppingFront(HttpServer server, URI target) {
            this.server = server;
            this.target = target;
        }

        static DroppingFront start(URI target) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            DroppingFront front = new DroppingFront(server, target);
            server.createContext("/", front::handle);
            server.start();
            return front;
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void handle(HttpExchange exchange) throws IOException {
            try {
                HttpRequest request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody()).build();
                client.send(request, HttpResponse.BodyHandlers.discarding());
                snapshotsForwarded.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // No response headers: closing the exchange drops the connection.
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
