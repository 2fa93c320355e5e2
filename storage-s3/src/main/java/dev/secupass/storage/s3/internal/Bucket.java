package dev.secupass.storage.s3.internal;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.api.StorageException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The bucket a store writes to: the client, the bucket name and the key layout, with the metadata
 * lookups every operation shares.
 */
public final class Bucket {
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
      throw new ConflictException("Blob " + id + " was committed meanwhile by another writer");
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
   * Why a write whose request cannot have stored its object failed (it never sent the whole
   * body): {@link #refusal(BlobId, boolean, SdkException, String)}, asking the server whether a
   * blob exists now (if that fails too, the original failure stands).
   */
  RuntimeException refusal(BlobId id, SdkException failure, String operation) {
    boolean exists;
    try {
      exists = head(id).isPresent();
    } catch (StorageException unknown) {
      exists = false;
    }
    return refusal(id, exists, failure, operation);
  }

  /**
   * A {@link ConflictException} when another writer's blob is there or the server said so (412,
   * or a broken connection while a racing writer's object landed), else the failure as a {@link
   * StorageException} of {@code operation}.
   */
  private static RuntimeException refusal(BlobId id, boolean exists, SdkException failure,
      String operation) {
    if (exists || Failures.isPreconditionFailed(failure)) {
      return new ConflictException("Blob " + id + " was committed meanwhile by another writer");
    }
    return Failures.storage(operation + " blob " + id, failure);
  }
}
