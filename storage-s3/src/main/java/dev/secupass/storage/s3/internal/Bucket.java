package dev.secupass.storage.s3.internal;

import dev.secupass.api.BlobId;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The bucket a store writes to: the client, the bucket name and the key layout, with the metadata
 * lookups every operation shares.
 */
public final class Bucket {
  /** User metadata naming the upload that wrote an object ({@code x-amz-meta-secupass-upload}). */
  static final String UPLOAD_MARKER = "secupass-upload";

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
}
