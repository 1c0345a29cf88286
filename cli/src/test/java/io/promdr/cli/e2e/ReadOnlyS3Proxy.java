package io.promdr.cli.e2e;

import io.promdr.core.fs.FileTrees;
import io.promdr.core.testing.S3ProxyServer;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.rest.AuthorizationException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A bucket that promdr may read but not write, as with an IAM policy without s3:PutObject: two
 * S3Proxy servers on one blob store, a writable one to prepare the repository and a read-only
 * one that answers every write and delete with 403 AccessDenied (S3Proxy's answer to jclouds'
 * AuthorizationException). Tests run as root here, so a file repository without write
 * permission would not refuse anything.
 */
final class ReadOnlyS3Proxy implements AutoCloseable {
    final String bucket = "read-only";
    private final Path directory;
    private final BlobStoreContext context;
    private final S3Proxy writable;
    private final S3Proxy readOnly;

    ReadOnlyS3Proxy() throws Exception {
        directory = Files.createTempDirectory("promdr-s3-read-only-");
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, bucket);
        writable = start(context.getBlobStore());
        readOnly = start(new RefusingWrites(context.getBlobStore()));
    }

    URI writableEndpoint() {
        return URI.create("http://127.0.0.1:" + writable.getPort());
    }

    URI readOnlyEndpoint() {
        return URI.create("http://127.0.0.1:" + readOnly.getPort());
    }

    private static S3Proxy start(BlobStore store) throws Exception {
        S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.onSpinWait();
        }
        return proxy;
    }

    @Override
    public void close() throws Exception {
        try {
            readOnly.stop();
            writable.stop();
        } finally {
            context.close();
            FileTrees.deleteQuietly(directory);
        }
    }

    /** Every write and delete refused as S3 refuses them without permission. */
    private static final class RefusingWrites extends ForwardingBlobStore {
        RefusingWrites(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public String putBlob(String container, Blob blob) {
            throw refused();
        }

        @Override
        public String putBlob(String container, Blob blob, PutOptions options) {
            throw refused();
        }

        @Override
        public MultipartUpload initiateMultipartUpload(String container, BlobMetadata metadata, PutOptions options) {
            throw refused();
        }

        @Override
        public void removeBlob(String container, String name) {
            throw refused();
        }

        private static AuthorizationException refused() {
            return new AuthorizationException("read-only bucket");
        }
    }
}
