package dev.secupass.storage.s3.internal;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.api.StorageException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The bucket a store writes to: the client, the bucket name and the key layout, with the metadata
 * lookups every operation shares.
 */
public final class Bucket {
  private static final Logger LOG = LoggerFactory.getLogger(Bucket.class);
  /** User metadata naming the upload that wrote an object ({@code x-amz-meta-secupass-upload}). */
  static final String UPLOAD_MARKER = "secupass-upload";
  /** The content type of every object: ciphertext. */
  static final String CONTENT_TYPE = "application/octet-stream";

  private final S3Client client;
  private final String name;
  private final ObjectKeys keys;

  public Bucket(S3Client client, String name, ObjectKeys keys) {
    this.client = Objects.requireNonNull(client, "client");
    this.name = Objects.requireNonNull(name, "name");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  public S3Client client() {
    return client;
  }

  public String name() {
    return name;
  }

  public ObjectKeys keys() {
    return keys;
  }

  /** The object key of a blob. */
  public String key(BlobId id) {
    return keys.key(id);
  }

  /**
   * Checks that the bucket exists and that the store's credentials may use it (a HeadBucket,
   * which needs {@code s3:ListBucket}, as reads of missing blobs do).
   *
   * @throws StorageException naming the bucket and the endpoint; not retryable when the bucket
   *     does not exist, access is denied or the bucket is in another region
   */
  public void requireAccessible() {
    try {
      client.headBucket(r -> r.bucket(name));
    } catch (SdkException e) {
      String bucket = "bucket '" + name + "' at " + endpoint();
      throw switch (Failures.status(e)) {
        case 404 -> new StorageException("There is no " + bucket + " (HTTP 404): create it"
            + " first (the store never creates buckets), or correct the bucket name or endpoint",
            false, e);
        case 403 -> new StorageException("Access to " + bucket + " is denied (HTTP 403): check"
            + " the credentials and that they may list the bucket (s3:ListBucket)", false, e);
        case 301 -> new StorageException("The " + bucket + " is in another region (HTTP 301):"
            + " set the bucket's region", false, e);
        default -> Failures.storage("Checking the " + bucket, e);
      };
    }
  }

  /** Where the client sends its requests: the endpoint override or AWS S3, and the region. */
  String endpoint() {
    S3ServiceClientConfiguration config = client.serviceClientConfiguration();
    return config.endpointOverride().map(URI::toString).orElse("AWS S3")
        + " (region " + config.region() + ")";
  }

  /**
   * The committed object of a blob; empty if there is none.
   *
   * @throws dev.secupass.api.StorageException if the server could not be asked
   */
  public Optional<ObjectHead> head(BlobId id) {
    try {
      HeadObjectResponse head = client.headObject(r -> r.bucket(name).key(key(id)));
      return Optional.of(new ObjectHead(head.contentLength(),
          ObjectHead.unquote(Objects.requireNonNullElse(head.eTag(), "")),
          head.metadata().get(UPLOAD_MARKER)));
    } catch (SdkException e) {
      if (Failures.isNotFound(e)) {
        return Optional.empty();
      }
      throw Failures.storage("Reading the metadata of blob " + id, e);
    }
  }

  /**
   * Deletes a blob's object (deleting a missing object succeeds).
   *
   * @throws dev.secupass.api.StorageException if the server failed
   */
  public void delete(BlobId id) {
    try {
      client.deleteObject(r -> r.bucket(name).key(key(id)));
    } catch (SdkException e) {
      throw Failures.storage("Deleting blob " + id, e);
    }
  }

  /**
   * A PutObject of a whole blob of {@code length} bytes that never replaces an object ({@code
   * If-None-Match: *}) and carries the upload's {@code marker}.
   */
  PutObjectRequest conditionalPut(BlobId id, String marker, long length, boolean checksums) {
    PutObjectRequest.Builder request = PutObjectRequest.builder()
        .bucket(name)
        .key(key(id))
        .ifNoneMatch("*")
        .contentType(CONTENT_TYPE)
        .contentLength(length)
        .metadata(Map.of(UPLOAD_MARKER, marker));
    if (checksums) {
      request.checksumAlgorithm(ChecksumAlgorithm.CRC32);
    }
    return request.build();
  }

  /**
   * Checks, before a commit, that no blob was committed since {@code create}: S3 checks {@code
   * If-None-Match} atomically, but some S3-compatible servers check it late, not at all (S3Proxy
   * on multipart completion) or not atomically; under the store's commit lock this keeps writers
   * in one store from replacing a blob on any server.
   *
   * @throws ConflictException if a blob with this id exists
   */
  void requireNoBlob(BlobId id) {
    if (head(id).isPresent()) {
      throw conflict(id);
    }
  }

  /**
   * Decides the outcome of a commit's final request that failed (after the client's retries):
   * the object on the server says whether the upload carrying {@code marker} landed anyway
   * (returns normally), another writer's did ({@link ConflictException}), or nothing did
   * ({@link StorageException}).
   */
  void settleCommit(BlobId id, String marker, SdkException failure) {
    Optional<ObjectHead> landed;
    try {
      landed = head(id);
    } catch (StorageException unknown) {
      StorageException e = new StorageException("Committing blob " + id + " failed ("
          + Failures.describe(failure) + ") and whether it became visible could not be checked",
          false, failure);
      e.addSuppressed(unknown);
      throw e;
    }
    if (landed.isPresent() && landed.get().writtenBy(marker)) {
      return;
    }
    throw refusal(id, landed.isPresent(), failure, "Committing");
  }

  /**
   * Before the commit of a streamed PutObject of {@code size} bytes carrying {@code marker}, whose
   * request is still running: like {@link #requireNoBlob}, except that an object the upload may
   * itself be writing is not another writer's blob. Some servers (s3rver) write an object in
   * place as its body arrives and show it, without its metadata, before the request ends; such an
   * object has no upload marker (or this upload's) and fewer bytes than the upload. Every
   * committed blob of this store carries its writer's marker and its whole size.
   *
   * @throws ConflictException if another writer's blob is there
   */
  void requireNoOtherBlob(BlobId id, String marker, long size) {
    Optional<ObjectHead> found = head(id);
    if (found.isEmpty()) {
      return;
    }
    if (!mayBeUnfinished(found.get(), marker, size)) {
      throw conflict(id);
    }
    LOG.debug("The server shows blob {} ({} of {} bytes, no other writer's marker) while its"
        + " streamed upload runs: taken for that upload's own unfinished object", id,
        found.get().size(), size);
  }

  /**
   * Why a streamed PutObject of {@code size} bytes carrying {@code marker} failed before its
   * commit sent the last byte. It cannot have stored its object, so a blob there now is another
   * writer's ({@link ConflictException}), and so is a 412; but an object that may be this
   * upload's own unfinished one (see {@link #requireNoOtherBlob}) is not: then the failure stands
   * as a {@link StorageException}, which says that the server shows such objects. If asking the
   * server fails too, the original failure stands.
   */
  RuntimeException streamRefusal(BlobId id, String marker, long size, SdkException failure) {
    Optional<ObjectHead> found;
    try {
      found = head(id);
    } catch (StorageException unknown) {
      found = Optional.empty();
    }
    if (found.isPresent() && mayBeUnfinished(found.get(), marker, size)) {
      return new StorageException("Uploading blob " + id + " failed: "
          + Failures.describe(failure) + "; the server shows the unfinished object of the"
          + " upload (it writes objects in place): give such servers singlePutLimit(0)",
          Failures.isTransient(failure), failure);
    }
    return refusal(id, found.isPresent(), failure, "Uploading");
  }

  /**
   * Whether {@code head} may be the unfinished object of the upload carrying {@code marker} of
   * {@code size} bytes: no other upload's marker, and fewer bytes.
   */
  private static boolean mayBeUnfinished(ObjectHead head, String marker, long size) {
    return (head.uploadMarker() == null || head.writtenBy(marker)) && head.size() < size;
  }

  private static ConflictException conflict(BlobId id) {
    return new ConflictException("Blob " + id + " was committed meanwhile by another writer");
  }

  /**
   * A {@link ConflictException} when another writer's blob is there or the server said so (412,
   * or a broken connection while a racing writer's object landed), else the failure as a {@link
   * StorageException} of {@code operation}.
   */
  private static RuntimeException refusal(BlobId id, boolean exists, SdkException failure,
      String operation) {
    if (exists || Failures.isPreconditionFailed(failure)) {
      return conflict(id);
    }
    return Failures.storage(operation + " blob " + id, failure);
  }
}
