package io.promdr.cli.launch;

import io.promdr.cli.PromdrApplication;
import io.promdr.core.fs.FileTrees;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training run of the launcher ({@code cli/src/main/dist/promdr}, docs/performance.md): runs, in
 * one JVM, the commands whose classes every real run loads (the command line and its help, a file
 * repository, the Spring Batch context on the embedded job database, an S3 client), so that the
 * JVM started with {@code -XX:ArchiveClassesAtExit} writes them all into the class-data archive
 * later runs map instead of loading ~6,000 classes one by one.
 *
 * <p>Not a subcommand: users never need it, and nothing here touches anything outside a temporary
 * directory (the S3 "server" is a closed port on loopback: the request fails at once, after the
 * client and its classes are built). What the commands print is thrown away; their outcome does not
 * matter, only the classes they load.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("promdr-training-");
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            run(work);
        } finally {
            System.setOut(out);
            System.setErr(err);
            FileTrees.deleteQuietly(work);
        }
    }

    /** Runs the training commands with their state and repository under {@code work}; returns their exit codes. */
    static List<Integer> run(Path work) throws IOException {
        List<Integer> exitCodes = new ArrayList<>();
        for (List<String> command : commands(work)) {
            exitCodes.add(PromdrApplication.execute(command.toArray(String[]::new), environment(work)));
        }
        return exitCodes;
    }

    static List<List<String>> commands(Path work) throws IOException {
        String files = work.resolve("repository").toUri().toString();
        Path s3Config = work.resolve("s3.yaml");
        Files.writeString(s3Config, """
                repository:
                  uri: s3://promdr-training/cds
                  s3:
                    region: us-east-1
                    endpoint: http://127.0.0.1:%d
                    pathStyle: true
                    accessKeyId: training
                    secretAccessKey: training-only
                retry:
                  maxElapsed: 0
                """.formatted(closedPort()));
        return List.of(
                List.of("--help"),
                List.of("backup", "--help"),
                List.of("restore", "--help"),
                List.of("list"),
                List.of("init", "--repository", files),
                List.of("list", "--repository", files, "-o", "json"),
                List.of("verify", "latest", "--repository", files),
                List.of("history"),
                List.of("list", "--config", s3Config.toString()));
    }

    private static Map<String, String> environment(Path work) {
        return Map.of("PROMDR_STATE_DIR", work.resolve("state").toString(), "PROMDR_PROGRESS", "none");
    }

    /** A loopback port nobody listens on: the one the system just gave and took back. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
