package dev.secupass.storage.s3.internal;

import dev.secupass.api.BlobId;
import dev.secupass.api.StorageException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A blob being written to S3. Bytes collect in a part buffer; a full part goes out as a multipart
 * upload part on the store's executor while the caller fills the next one, with at most {@code
 * partsInFlight} parts on the wire (the caller waits for a free buffer beyond that). A blob that
 * fits one part is sent with a single PutObject on commit instead.
 *
 * <p>Nothing is visible before {@link #commit()}: S3 shows neither parts nor incomplete uploads
 * as objects. The commit never replaces a blob: under the store's lock for the key it checks that
 * no blob exists, then sends a conditional request ({@code If-None-Match: *}). Every upload
 * carries a random marker in its metadata; when the final request fails or is answered with 412
 * after a retry, the marker on the object tells whether this upload's earlier attempt landed
 * (success) or another writer's did (conflict).
 */
final class MultipartBlobOutput extends S3BlobOutput {
  private static final Logger LOG = LoggerFactory.getLogger(MultipartBlobOutput.class);
  private static final int MAX_PARTS = 10_000;

  private final Bucket bucket;
  private final String key;
  private final TransferSettings settings;
  private final Executor executor;
  private final CommitLocks commitLocks;
  private final String marker;
  private final PartBuffers buffers;
  private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();

  private byte @Nullable [] current;
  private int filled;
  private long size;
  private @Nullable String uploadId;

  MultipartBlobOutput(Bucket bucket, BlobId id, TransferSettings settings, Executor executor,
      CommitLocks commitLocks, String marker) {
    super(id);
    this.bucket = bucket;
    this.key = bucket.key(id);
    this.settings = settings;
    this.executor = executor;
    this.commitLocks = commitLocks;
    this.marker = marker;
    this.buffers = new PartBuffers(settings.partSize(), settings.partsInFlight() + 1);
  }

  @Override
  public void write(int b) {
    requireOpen();
    byte[] buffer = room();
    buffer[filled++] = (byte) b;
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    requireOpen();
    while (len > 0) {
      byte[] buffer = room();
      int n = Math.min(len, buffer.length - filled);
      System.arraycopy(b, off, buffer, filled, n);
      filled += n;
      size += n;
      off += n;
      len -= n;
    }
  }

  @Override
  long complete() {
    String upload = uploadId;
    if (upload == null) {
      commitLocks.run(key, this::putWhole);
    } else {
      List<CompletedPart> completed = finishParts(upload);
      commitLocks.run(key, () -> completeUpload(upload, completed));
    }
    release();
    return size;
  }

  @Override
  void discard() {
    // Parts still on the wire would be stored after an early abort; let them finish first.
    parts.forEach(part -> part.handle((done, failure) -> null).join());
    String upload = uploadId;
    if (upload != null) {
      try {
        bucket.client().abortMultipartUpload(
            r -> r.bucket(bucket.name()).key(key).uploadId(upload));
      } catch (SdkException e) {
        if (!Failures.isNotFound(e)) {
          LOG.warn("Could not abort the upload of blob {} ({}); nothing is visible, and"
              + " abortIncompleteUploads will remove its parts", id, Failures.describe(e));
        }
      }
    }
    release();
  }

  /** The current buffer, with room for at least one byte; ships a full part first if needed. */
  private byte[] room() {
    byte[] buffer = current;
    if (buffer == null) {
      buffer = buffers.first();
    } else if (filled == buffer.length) {
      if (buffer.length < settings.partSize()) {
        buffer = buffers.grow(buffer);
      } else {
        shipPart();
        try {
          buffer = buffers.take();
        } catch (RuntimeException e) {
          throw failWith(e);
        }
      }
    }
    current = buffer;
    return buffer;
  }

  /** Sends the full current buffer as the next part; more data follows it. */
  private void shipPart() {
    rethrowPartFailure();
    if (parts.size() + 2 > MAX_PARTS) {
      throw failWith(new StorageException("Blob " + id + " is larger than " + MAX_PARTS + " parts of "
          + settings.partSize() + " bytes; configure a larger part size", false, null));
    }
    if (uploadId == null) {
      uploadId = startUpload();
    }
    String upload = uploadId;
    int partNumber = parts.size() + 1;
    byte[] buffer = Objects.requireNonNull(current);
    int length = filled;
    current = null;
    filled = 0;
    try {
      parts.add(CompletableFuture
          .supplyAsync(() -> uploadPart(upload, partNumber, buffer, length), executor)
          .whenComplete((done, failure) -> buffers.give(buffer)));
    } catch (RejectedExecutionException e) {
      buffers.give(buffer);
      throw failWith(new IllegalStateException("The blob store is closed", e));
    }
  }

  private String startUpload() {
    CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder()
        .bucket(bucket.name())
        .key(key)
        .contentType(Bucket.CONTENT_TYPE)
        .metadata(Map.of(Bucket.UPLOAD_MARKER, marker));
    if (settings.checksums()) {
      request.checksumAlgorithm(ChecksumAlgorithm.CRC32);
    }
    try {
      return bucket.client().createMultipartUpload(request.build()).uploadId();
    } catch (SdkException e) {
      throw failWith(Failures.storage("Starting the upload of blob " + id, e));
    }
  }

  private CompletedPart uploadPart(String upload, int partNumber, byte[] buffer, int length) {
    UploadPartRequest.Builder request = UploadPartRequest.builder()
        .bucket(bucket.name())
        .key(key)
        .uploadId(upload)
        .partNumber(partNumber)
        .contentLength((long) length);
    if (settings.checksums()) {
      request.checksumAlgorithm(ChecksumAlgorithm.CRC32);
    }
    try {
      UploadPartResponse response =
          bucket.client().uploadPart(request.build(), body(buffer, length));
      return CompletedPart.builder()
          .partNumber(partNumber)
          .eTag(response.eTag())
          .checksumCRC32(response.checksumCRC32())
          .build();
    } catch (SdkException e) {
      throw Failures.storage("Uploading part " + partNumber + " of blob " + id, e);
    }
  }

  private void putWhole() {
    bucket.requireNoBlob(id);
    byte[] buffer = current == null ? new byte[0] : current;
    try {
      bucket.client().putObject(
          bucket.conditionalPut(id, marker, filled, settings.checksums()), body(buffer, filled));
    } catch (SdkException e) {
      bucket.settleCommit(id, marker, e);
    }
  }

  /** Sends the last part and waits for all of them. */
  private List<CompletedPart> finishParts(String upload) {
    if (filled > 0) {
      int partNumber = parts.size() + 1;
      byte[] buffer = Objects.requireNonNull(current);
      parts.add(CompletableFuture.completedFuture(
          uploadPart(upload, partNumber, buffer, filled)));
    }
    List<CompletedPart> completed = new ArrayList<>(parts.size());
    for (CompletableFuture<CompletedPart> part : parts) {
      completed.add(await(part));
    }
    return completed;
  }

  private void completeUpload(String upload, List<CompletedPart> completed) {
    bucket.requireNoBlob(id);
    CompleteMultipartUploadRequest request = CompleteMultipartUploadRequest.builder()
        .bucket(bucket.name())
        .key(key)
        .uploadId(upload)
        .ifNoneMatch("*")
        .multipartUpload(m -> m.parts(completed))
        .build();
    try {
      bucket.client().completeMultipartUpload(request);
    } catch (SdkException e) {
      bucket.settleCommit(id, marker, e);
    }
  }

  private static RequestBody body(byte[] buffer, int length) {
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(buffer, 0, length), length, Bucket.CONTENT_TYPE);
  }

  private void rethrowPartFailure() {
    for (CompletableFuture<CompletedPart> part : parts) {
      if (part.isCompletedExceptionally()) {
        await(part);
      }
    }
  }

  private CompletedPart await(CompletableFuture<CompletedPart> part) {
    try {
      return part.join();
    } catch (CompletionException e) {
      throw failWith(e.getCause() instanceof RuntimeException cause ? cause : e);
    }
  }

  private void release() {
    current = null;
    filled = 0;
    buffers.clear();
  }
}
