package io.promdr.cli.e2e;

import io.promdr.cli.CliRunner.Result;
import io.promdr.core.store.ObjectInfo;
import io.promdr.core.store.ObjectStore;
import io.promdr.core.store.ObjectStores;
import io.promdr.core.testing.S3ProxyServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers of the end-to-end tests: config files, bucket listings, command output parsing. */
final class EndToEndSupport {
    private static final Pattern BACKUP_SUMMARY = Pattern.compile("^backup (\\S+) of source ", Pattern.MULTILINE);

    private EndToEndSupport() {
    }

    /** A promdr.yaml for an S3Proxy repository, holding the secret as production configs do. */
    static Path s3Config(Path dir, S3ProxyServer s3, String repositoryUri, String secret) throws IOException {
        Path file = Files.createTempFile(dir, "promdr-", ".yaml");
        Files.writeString(file, """
                repository:
                  uri: %s
                  s3:
                    endpoint: %s
                    region: %s
                    pathStyle: true
                    accessKeyId: %s
                    secretAccessKey: %s
                """.formatted(repositoryUri, s3.endpoint(), S3ProxyServer.REGION, s3.accessKey(), secret));
        return file;
    }

    /** Every object key in the bucket, sorted. */
    static Set<String> keys(S3ProxyServer s3, String bucket) throws IOException {
        try (ObjectStore store = ObjectStores.open(S3ProxyServer.repositoryUri(bucket, ""), s3.settings())) {
            return store.list("").stream().map(ObjectInfo::key).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The id in the summary line of {@code promdr backup}: "backup &lt;id&gt; of source ...". */
    static String backupIdIn(Result backup) {
        Matcher m = BACKUP_SUMMARY.matcher(backup.out());
        assertThat(m.find()).as(backup.toString()).isTrue();
        return m.group(1);
    }

    /** A loopback port nothing listens on (just closed). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
