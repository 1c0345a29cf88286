package io.promdr.core.testing;

import io.promdr.core.store.S3ObjectStore;
import io.promdr.core.store.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * A real S3 API for tests: S3Proxy in-process on 127.0.0.1 and a random free port, backed by
 * jclouds' filesystem blob store in a temp directory, with AWS v2/v4 authentication.
 *
 * <p>As a JUnit 5 extension, {@code @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();}
 * runs one server per test class (an instance field: one per test). Or use it directly:
 * {@code try (S3ProxyServer s3 = S3ProxyServer.started()) { ... }}. Each test can take its own
 * bucket from {@link #newBucket()}; {@link #bucket()} is a shared default one.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, AutoCloseable {
    public static final String ACCESS_KEY = "promdr-test-access-key";
    public static final String SECRET_KEY = "promdr-test-secret-key";
    public static final String REGION = "us-east-1";
    public static final String DEFAULT_BUCKET = "promdr-test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private Path directory;
    private BlobStoreContext context;
    private S3Proxy proxy;
    private URI endpoint;
    private boolean startedForOneTest;
    /** The certificate of an https-only server, or null for plain http. */
    private final TestCertificates.Issued tlsCertificate;

    /** A stopped server: {@link #start()} it, or register it as an extension. */
    public S3ProxyServer() {
        this(null);
    }

    /**
     * A stopped server that speaks only https, with {@code certificate} (e.g. {@link TestCertificates#server()}):
     * clients must trust the test CA, e.g. through {@code repository.s3.caFile}.
     */
    public S3ProxyServer(TestCertificates.Issued certificate) {
        this.tlsCertificate = certificate;
        quietDebugLogging();
    }

    /** A running server, for try-with-resources. */
    public static S3ProxyServer started() {
        return new S3ProxyServer().start();
    }

    /** Starts the server unless it runs already. */
    public synchronized S3ProxyServer start() {
        if (proxy != null) {
            return this;
        }
        try {
            directory = Files.createTempDirectory("promdr-s3proxy-");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", directory.toString());
            context = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
            S3Proxy.Builder builder = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY);
            if (tlsCertificate == null) {
                builder.endpoint(URI.create("http://127.0.0.1:0"));
            } else {
                builder.secureEndpoint(URI.create("https://127.0.0.1:0"))
                        .keyStore(tlsCertificate.keyStore().toString(), TestCertificates.KEY_STORE_PASSWORD);
            }
            proxy = builder.build();
            proxy.start();
            awaitStarted();
            endpoint = tlsCertificate == null ? URI.create("http://127.0.0.1:" + proxy.getPort())
                    : URI.create("https://127.0.0.1:" + proxy.getSecurePort());
            return this;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    /** Stops the server and deletes its data; safe to call more than once. */
    public synchronized void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            proxy = null;
            endpoint = null;
            if (context != null) {
                context.close();
                context = null;
            }
            deleteRecursively(directory);
            directory = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code http://127.0.0.1:<port>}, or https for a TLS server. */
    public synchronized URI endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("S3ProxyServer is not started");
        }
        return endpoint;
    }

    public int port() {
        return endpoint().getPort();
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** The default bucket, created on first use. */
    public String bucket() {
        return createBucket(DEFAULT_BUCKET);
    }

    /** A fresh, empty bucket with a unique name, so tests do not see each other's objects. */
    public String newBucket() {
        return createBucket("promdr-" + BUCKETS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Creates a bucket if it does not exist yet and returns its name. */
    public synchronized String createBucket(String name) {
        endpoint();
        context.getBlobStore().createContainerInLocation(null, name);
        return name;
    }

    /** Whether the bucket holds no object at all (incomplete multipart uploads are not objects). */
    public synchronized boolean isEmpty(String bucket) {
        return context.getBlobStore().list(bucket).isEmpty();
    }

    /** Path-style settings with the test credentials and S3's smallest part size (5 MiB), to exercise multipart. */
    public S3Settings settings() {
        return settings(S3ObjectStore.MIN_PART_SIZE);
    }

    public S3Settings settings(long partSizeBytes) {
        return new S3Settings(REGION, endpoint(), true, ACCESS_KEY, SECRET_KEY, partSizeBytes);
    }

    /** {@code s3://bucket/prefix} (or {@code s3://bucket} for an empty prefix). */
    public static String repositoryUri(String bucket, String prefix) {
        return "s3://" + bucket + (prefix == null || prefix.isEmpty() ? "" : "/" + prefix);
    }

    @Override
    public void beforeAll(ExtensionContext extension) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        stop();
    }

    @Override
    public synchronized void beforeEach(ExtensionContext extension) {
        // Registered on an instance field, the server lives for one test only.
        if (proxy == null) {
            start();
            startedForOneTest = true;
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext extension) {
        if (startedForOneTest) {
            startedForOneTest = false;
            stop();
        }
    }

    private void awaitStarted() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy not started after " + START_TIMEOUT + ": " + proxy.getState());
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Logback's default configuration logs everything at DEBUG: S3Proxy's Jetty and the HTTP
     * client's wire log (every byte, and the signed headers) would then flood the test output.
     * Raise them to INFO unless a logback configuration set their level explicitly.
     */
    private static void quietDebugLogging() {
        try {
            for (String name : List.of("org.gaul", "org.jclouds", "org.apache.http")) {
                if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
                        && logger.getLevel() == null) {
                    logger.setLevel(ch.qos.logback.classic.Level.INFO);
                }
            }
        } catch (LinkageError e) {
            // Another SLF4J backend: leave its configuration alone.
        }
    }

    /** Unlike cleanup after a failure, a directory the tests cannot delete is a failure. */
    private static void deleteRecursively(Path root) {
        try {
            FileSystemUtils.deleteRecursively(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
