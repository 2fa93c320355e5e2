package dev.secupass.storage.s3;

import static dev.secupass.storage.s3.testing.TestBytes.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.storage.s3.testing.S3ProxyServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * {@link S3BlobStore#abortIncompleteUploads}. A crashed writer is simulated by an upload with one
 * part that nobody completes. Ages come from the injected clock: S3Proxy reports every upload as
 * initiated "now", so a clock two hours ahead makes them two hours old.
 */
class S3UploadSweepTest {
  @SuppressWarnings("TimeInStaticInitializer") // any instant two hours after the uploads will do
  private static final Clock TWO_HOURS_AHEAD =
      Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);

  private final S3ProxyServer server = S3ProxyServer.shared();
  private final S3Client raw = server.client();
  private String bucket;

  @BeforeEach
  void createBucket() {
    bucket = server.newBucket();
  }

  private S3BlobStore store(String prefix, Clock clock) {
    return S3BlobStore.builder().client(raw).bucket(bucket).keyPrefix(prefix).clock(clock).build();
  }

  /** What a writer that died after its first part leaves behind. */
  private void abandonUpload(String key) {
    String upload = raw.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
    raw.uploadPart(r -> r.bucket(bucket).key(key).uploadId(upload).partNumber(1),
        RequestBody.fromBytes(new byte[1000]));
  }

  @Test
  void abortIncompleteUploads_uploadOlderThanTheAge_isAborted() {
    BlobId id = newId();
    abandonUpload("tenant-a/" + id);

    try (S3BlobStore store = store("tenant-a", TWO_HOURS_AHEAD)) {
      assertThat(store.abortIncompleteUploads(Duration.ofHours(1))).isEqualTo(1);
      assertThat(store.stat(id)).isEmpty();
    }
    assertThat(openUploads()).isEmpty();
  }

  @Test
  void abortIncompleteUploads_uploadYoungerThanTheAge_isKept() {
    abandonUpload("tenant-a/" + newId());

    try (S3BlobStore store = store("tenant-a", Clock.systemUTC())) {
      assertThat(store.abortIncompleteUploads(Duration.ofHours(1))).isZero();
    }
    assertThat(openUploads()).hasSize(1);
  }

  @Test
  void abortIncompleteUploads_uploadsOfOtherPrefixesOrNotNamingABlob_areLeftAlone() {
    abandonUpload("tenant-b/" + newId());
    abandonUpload("tenant-a/sub/" + newId());

    try (S3BlobStore store = store("tenant-a", TWO_HOURS_AHEAD)) {
      assertThat(store.abortIncompleteUploads(Duration.ofHours(1))).isZero();
    }
    assertThat(openUploads()).hasSize(2);
  }

  @Test
  void abortIncompleteUploads_negativeAge_throwsIllegalArgument() {
    try (S3BlobStore store = store("", Clock.systemUTC())) {
      assertThatThrownBy(() -> store.abortIncompleteUploads(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private List<MultipartUpload> openUploads() {
    return raw.listMultipartUploads(r -> r.bucket(bucket)).uploads();
  }
}
