package io.promdr.core.store;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} in an S3 bucket (or an S3-compatible store), under an optional key
 * prefix: key {@code a/b} is the S3 object {@code <prefix>/a/b}.
 *
 * <p>Writes stream through {@link S3PendingUpload} (one part in memory, multipart upload for
 * larger objects); reads stream the response body. S3 failures map to {@link PromdrException}
 * with BUCKET_NOT_FOUND, ACCESS_DENIED or REPOSITORY_UNREACHABLE when the cause is known, else to
 * {@link IOException}. The store owns its client and closes it on {@link #close()}.
 */
public class S3ObjectStore implements ObjectStore {
    public static final long MIN_PART_SIZE = 5L << 20;
    /** Parts are buffered in one array: keep them well under the 2 GiB array limit. */
    public static final long MAX_PART_SIZE = 1L << 30;
    /**
     * Parts of one upload sent at once while the writer fills the next. Two keep the link busy
     * while zstd works (measured in docs/performance.md); memory is (2 + 1) x part size per upload.
     */
    public static final int DEFAULT_PARTS_IN_FLIGHT = 2;

    private final S3Client client;
    private final String bucket;
    private final String keyPrefix;
    private final int partSize;
    private final int partsInFlight;
    private final String location;
    private final String endpoint;
    /** Keys per ListObjectsV2 page; S3's maximum, lowered only by tests to exercise pagination. */
    private volatile int listPageSize = 1000;
    /** Set once an S3 call proved the bucket exists: a HEAD 404 then means "no such key" for sure. */
    private volatile boolean bucketSeen;

    /**
     * @param prefix        key prefix inside the bucket ("" or null for the bucket root), without
     *                      leading or trailing '/'
     * @param partSizeBytes multipart part size, between {@link #MIN_PART_SIZE} and {@link #MAX_PART_SIZE};
     *                      0 or less means {@link S3Settings#DEFAULT_PART_SIZE}
     */
    public S3ObjectStore(S3Client client, String bucket, String prefix, long partSizeBytes) {
        this(client, bucket, prefix, partSizeBytes, DEFAULT_PARTS_IN_FLIGHT);
    }

    /** @param partsInFlight parts of one upload sent concurrently, at least 1 */
    public S3ObjectStore(S3Client client, String bucket, String prefix, long partSizeBytes, int partsInFlight) {
        if (partsInFlight < 1) {
            throw new IllegalArgumentException("parts in flight must be >= 1: " + partsInFlight);
        }
        this.partsInFlight = partsInFlight;
        this.client = client;
        this.bucket = bucket;
        String cleanPrefix = prefix == null ? "" : prefix;
        this.keyPrefix = cleanPrefix.isEmpty() ? "" : ObjectKeys.requireValid(cleanPrefix) + "/";
        this.partSize = checkedPartSize(partSizeBytes);
        this.location = "s3://" + bucket + (cleanPrefix.isEmpty() ? "" : "/" + cleanPrefix);
        this.endpoint = client.serviceClientConfiguration().endpointOverride()
                .map(S3ObjectStore::hostAndPort).orElse("AWS S3");
    }

    @Override
    public String location() {
        return location;
    }

    public String bucket() {
        return bucket;
    }

    public int partSizeBytes() {
        return partSize;
    }

    @Override
    public PendingObject create(String key) {
        ObjectKeys.requireValid(key);
        return new S3PendingUpload(this, key, partSize, partsInFlight);
    }

    @Override
    public InputStream get(String key) throws IOException {
        ObjectKeys.requireValid(key);
        try {
            return new S3ResponseStream(seen(client.getObject(b -> b.bucket(bucket).key(keyPrefix + key))));
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(location, key);
        } catch (SdkException e) {
            throw S3Errors.translate(e, location, endpoint, "get " + key);
        }
    }

    @Override
    public InputStream getRange(String key, long offset, long length) throws IOException {
        ObjectKeys.requireValid(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + offset + "+" + length + " for " + key);
        }
        if (length == 0) {
            if (stat(key).isEmpty()) {
                throw new ObjectNotFoundException(location, key);
            }
            return InputStream.nullInputStream();
        }
        // "Up to the end" reads (length near Long.MAX_VALUE) use an open range: some S3-compatible
        // servers miscompute the length of a closed range far past the end.
        String range = length > Long.MAX_VALUE / 2 - offset ? "bytes=" + offset + "-"
                : "bytes=" + offset + "-" + (offset + length - 1);
        try {
            return new S3ResponseStream(seen(client.getObject(b -> b.bucket(bucket).key(keyPrefix + key)
                    .range(range))));
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(location, key);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream(); // the object exists, the range starts past its end
            }
            throw S3Errors.translate(e, location, endpoint, "get range of " + key);
        } catch (SdkException e) {
            throw S3Errors.translate(e, location, endpoint, "get range of " + key);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        ObjectKeys.requireValid(key);
        try {
            HeadObjectResponse head = seen(client.headObject(b -> b.bucket(bucket).key(keyPrefix + key)));
            return Optional.of(new ObjectInfo(key, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return missingKey();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return missingKey();
            }
            throw S3Errors.translate(e, location, endpoint, "stat " + key);
        } catch (SdkException e) {
            throw S3Errors.translate(e, location, endpoint, "stat " + key);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        String checked = ObjectKeys.requireValidPrefix(prefix);
        List<ObjectInfo> result = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keyPrefix + checked)
                    .maxKeys(listPageSize))
                    .contents()) {
                String key = object.key().substring(keyPrefix.length());
                if (ObjectKeys.isValid(key)) { // skips "folder/" markers that consoles create
                    result.add(new ObjectInfo(key, object.size(), object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw S3Errors.translate(e, location, endpoint, "list " + checked);
        }
        bucketSeen = true;
        result.sort(Comparator.comparing(ObjectInfo::key));
        return result;
    }

    @Override
    public void delete(String key) throws IOException {
        ObjectKeys.requireValid(key);
        try {
            seen(client.deleteObject(b -> b.bucket(bucket).key(keyPrefix + key)));
        } catch (SdkException e) {
            throw S3Errors.translate(e, location, endpoint, "delete " + key);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    void listPageSize(int keys) {
        this.listPageSize = keys;
    }

    // The multipart steps, for S3PendingUpload: each translates SDK failures like the calls above.

    void putObject(String key, RequestBody body, long length) throws IOException {
        try {
            seen(client.putObject(b -> b.bucket(bucket).key(keyPrefix + key).contentLength(length), body));
        } catch (SdkException e) {
            throw S3Errors.translate(e, location, endpoint, "put " + key);
        }
    }

    String createMultipartUpload(String key) throws IOException {
        try {
            return seen(client.createMultipartUpload(b -> b.bucket(bucket).key(keyPrefix + key)
                    .contentType("application/octet-stream"))).uploadId();
        } catch (SdkException e) {
            throw S3Errors.translate(e, location, endpoint, "start upload of " + key);
        }
    }

    String uploadPart(String key, String uploadId, int partNumber, RequestBody body, long length) throws IOException {
        try {
            return client.uploadPart(b -> b.bucket(bucket).key(keyPrefix + key).uploadId(uploadId)
                    .partNumber(partNumber).contentLength(length), body).eTag();
        } catch (SdkException e) {
            throw S3Errors.translate(e, location, endpoint, "upload part " + partNumber + " of " + key);
        }
    }

    void completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) throws IOException {
        try {
            client.completeMultipartUpload(b -> b.bucket(bucket).key(keyPrefix + key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            throw S3Errors.translate(e, location, endpoint, "complete upload of " + key);
        }
    }

    void abortMultipartUpload(String key, String uploadId) throws IOException {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(keyPrefix + key).uploadId(uploadId));
        } catch (SdkException e) {
            throw S3Errors.translate(e, location, endpoint, "abort upload of " + key);
        }
    }

    /** A HEAD 404 carries no error code: tell a missing key from a missing bucket once per store. */
    private Optional<ObjectInfo> missingKey() throws IOException {
        if (!bucketSeen) {
            try {
                client.headBucket(b -> b.bucket(bucket));
                bucketSeen = true;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    throw S3Errors.bucketNotFound(location, e);
                }
                throw S3Errors.translate(e, location, endpoint, "check bucket");
            } catch (SdkException e) {
                throw S3Errors.translate(e, location, endpoint, "check bucket");
            }
        }
        return Optional.empty();
    }

    private <T> T seen(T response) {
        bucketSeen = true;
        return response;
    }

    private static int checkedPartSize(long partSizeBytes) {
        long size = partSizeBytes <= 0 ? S3Settings.DEFAULT_PART_SIZE : partSizeBytes;
        if (size < MIN_PART_SIZE || size > MAX_PART_SIZE) {
            throw new PromdrException(ErrorCode.CONFIG_INVALID,
                    "S3 part size " + size + " bytes is outside 5 MiB..1 GiB",
                    "set the S3 part size between 5 MiB (the S3 minimum) and 1 GiB (the memory bound of one upload)");
        }
        return (int) size;
    }

    private static String hostAndPort(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
